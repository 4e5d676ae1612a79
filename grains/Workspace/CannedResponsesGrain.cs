using Kasse.Grains.Common;
using Kasse.Grains.Conversations;
using Kasse.Workspace;

namespace Kasse.Grains.Workspace;

/// <summary>The canned responses of one team: the demo set (<see cref="CannedResponseDefaults"/>) until replaced.</summary>
public sealed class CannedResponsesGrain(
    [PersistentState("canned-responses", StorageNames.Default)] IPersistentState<CannedResponsesGrain.State> state) : Grain, ICannedResponsesGrain
{
    public const int MaxResponses = 100;
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = 4000;

    public Task<IReadOnlyList<CannedResponse>> List() =>
        Task.FromResult(state.State.Responses ?? CannedResponseDefaults.For(this.GetPrimaryKeyString()));

    public async Task<IReadOnlyList<CannedResponse>> Replace(IReadOnlyList<CannedResponse> responses)
    {
        if (responses.Count > MaxResponses || responses.Any(r => !IsValid(r.Title, MaxTitleLength) || !IsValid(r.Text, MaxTextLength)))
        {
            throw new WorkspaceException(WorkspaceErrors.InvalidText,
                $"Höchstens {MaxResponses} Antworten; Titel (bis {MaxTitleLength} Zeichen) und Text (bis {MaxTextLength} Zeichen) ohne Steuerzeichen.");
        }
        // Stored as a plain array of trimmed entries: a caller's list may be a type the serializer cannot read back.
        state.State.Responses = responses.Select(r => new CannedResponse(r.Title.Trim(), r.Text.Trim())).ToArray();
        await state.WriteOrDeactivateAsync(this);
        return state.State.Responses;
    }

    private static bool IsValid(string? text, int maxLength) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= maxLength && PlainText.IsClean(text);

    [GenerateSerializer, Alias("Kasse.Grains.Workspace.CannedResponsesGrain.State")]
    public sealed class State
    {
        [Id(0)] public CannedResponse[]? Responses { get; set; }
    }
}
