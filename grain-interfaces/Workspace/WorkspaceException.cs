namespace Kasse.Workspace;

/// <summary>A refusal of the workspace grains with a stable code (see <see cref="WorkspaceErrors"/>).</summary>
[GenerateSerializer, Alias("Kasse.Workspace.WorkspaceException")]
public sealed class WorkspaceException(string code, string message) : CodedException(code, message);
