using Kasse.Forms;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// What the bench reads of an <c>EditForm</c> answer: the status, the edited field's version, the seq, and the editor's
/// change when the answer carries it (<c>answerWithChange</c>; null otherwise), read like a push.
/// </summary>
public sealed record EditAnswerProbe(FormEditStatus Status, long FieldVersion, long Seq, FormStateProbe? Change);
