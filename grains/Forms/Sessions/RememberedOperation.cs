using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>An applied operation of a participant and its answer, so that a retry gets the same answer and changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Forms.Sessions.RememberedOperation")]
public sealed record RememberedOperation(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OperationId,
    [property: Id(2)] long Seq,
    [property: Id(3)] FieldState? Field);
