using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>An applied operation of a participant and its answer, so that a retry gets the same answer and changes nothing.</summary>
public sealed record RememberedOperation(string UserId, string OperationId, long Seq, FieldState? Field);
