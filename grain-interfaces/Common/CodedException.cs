namespace Kasse;

/// <summary>
/// A refusal by a grain with a stable, machine-readable code and a German message; the gateway turns it into a coded
/// hub error or problem details. Nothing it refused has changed.
/// </summary>
[GenerateSerializer, Alias("Kasse.CodedException")]
public abstract class CodedException : Exception
{
    public const string GenericCode = "ERROR";

    protected CodedException() => Code = GenericCode;

    protected CodedException(string message) : base(message) => Code = GenericCode;

    protected CodedException(string message, Exception inner) : base(message, inner) => Code = GenericCode;

    protected CodedException(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; init; }
}
