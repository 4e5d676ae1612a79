using System.Collections.Frozen;
using Kasse.Campaigns;
using Kasse.Conversations;
using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Inbox;
using Kasse.Rules;
using Kasse.Workspace;
using Microsoft.AspNetCore.Http;

namespace Kasse.Web;

/// <summary>
/// The one table from a stable error code to its HTTP status, and the problem type URI named after the code.
/// A code not listed here is a refusal of the caller's input: 400.
/// </summary>
public static class ProblemCodes
{
    /// <summary>A query, route or body value holds NUL, other control characters or broken Unicode.</summary>
    public const string InvalidText = "INVALID_TEXT";

    /// <summary>The request body is larger than the endpoint accepts.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The request cannot be read at all (no body, a malformed form, a value of the wrong type).</summary>
    public const string InvalidInput = "INVALID_INPUT";

    private const string TypeBase = "https://kasse-orleans.dev/problems/";

    private static readonly FrozenDictionary<string, int> Statuses = new Dictionary<string, int>
    {
        [ConversationErrors.NotFound] = StatusCodes.Status404NotFound,
        [ConversationErrors.AttachmentNotFound] = StatusCodes.Status404NotFound,
        [RuleSetErrors.UnknownRuleSet] = StatusCodes.Status404NotFound,
        [RuleSetErrors.UnknownVersion] = StatusCodes.Status404NotFound,
        [ConversationErrors.Forbidden] = StatusCodes.Status403Forbidden,
        [ConversationErrors.NotAssigned] = StatusCodes.Status403Forbidden, // h10-chat
        [ConversationErrors.Closed] = StatusCodes.Status409Conflict,
        [RuleSetErrors.NotADraft] = StatusCodes.Status409Conflict,
        [RuleSetErrors.NeverPublished] = StatusCodes.Status409Conflict,
        [ConversationErrors.AttachmentTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [RequestTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ConversationErrors.AttachmentType] = StatusCodes.Status415UnsupportedMediaType,
        [InboxErrors.NotFound] = StatusCodes.Status404NotFound,
        [InboxErrors.OfferGone] = StatusCodes.Status409Conflict,
        [InboxErrors.NotAssigned] = StatusCodes.Status409Conflict,
        [InboxErrors.Retry] = StatusCodes.Status503ServiceUnavailable,
        [InboxErrors.TargetUnknown] = StatusCodes.Status422UnprocessableEntity,
        [InboxErrors.AlreadyDone] = StatusCodes.Status409Conflict,
        [InboxErrors.TransferToSelf] = StatusCodes.Status400BadRequest,

        // h10-waiting
        [InboxErrors.OutsideServiceHours] = StatusCodes.Status409Conflict,
        [TransientClusterFailure.Code] = StatusCodes.Status503ServiceUnavailable,
        // h10-agentui: the agent workspace
        [WorkspaceErrors.Forbidden] = StatusCodes.Status403Forbidden,
        [WorkspaceErrors.QueueForbidden] = StatusCodes.Status403Forbidden,
        // h11-engine: form definitions
        [FormErrors.DefinitionNotFound] = StatusCodes.Status404NotFound,
        [FormErrors.DefinitionInvalid] = StatusCodes.Status422UnprocessableEntity,
        // h11-web: form sessions (the definition codes are h11-engine's)
        [FormErrors.SessionNotFound] = StatusCodes.Status404NotFound,
        // h12-letters: letter batches and their print output
        [PinErrors.BatchNotFound] = StatusCodes.Status404NotFound,
        [PinErrors.PrintOutputGone] = StatusCodes.Status410Gone,
        [FormErrors.SubmissionNotFound] = StatusCodes.Status404NotFound,
        [FormErrors.Forbidden] = StatusCodes.Status403Forbidden,
        [FormErrors.AccessNotGranted] = StatusCodes.Status403Forbidden,
        [FormErrors.NotAssigned] = StatusCodes.Status403Forbidden,
        [FormErrors.FieldSensitive] = StatusCodes.Status403Forbidden,
        [FormErrors.SessionClosed] = StatusCodes.Status409Conflict,
        // h12-case: EinmalPIN login and case session
        [PinErrors.CaseNotFound] = StatusCodes.Status404NotFound,
        [PinErrors.LoginRefused] = StatusCodes.Status401Unauthorized,
        [PinErrors.Throttled] = StatusCodes.Status429TooManyRequests,
        [PinErrors.SessionInvalid] = StatusCodes.Status401Unauthorized,
        // h12-import: EinmalPIN cases in
        [PinErrors.ImportNotFound] = StatusCodes.Status404NotFound,
        [PinErrors.ImportInvalid] = StatusCodes.Status422UnprocessableEntity,
        [PinErrors.CaseConflict] = StatusCodes.Status409Conflict,
        // h14-roll: the admin's silo drain
        [Kasse.Cluster.ClusterErrors.SiloNotFound] = StatusCodes.Status404NotFound,
        [Kasse.Cluster.ClusterErrors.LastActiveSilo] = StatusCodes.Status409Conflict,
        [PinErrors.CaseInvalid] = StatusCodes.Status422UnprocessableEntity,
        // h13-campaign: campaigns
        [CampaignErrors.CampaignNotFound] = StatusCodes.Status404NotFound,
        [CampaignErrors.CampaignInvalid] = StatusCodes.Status422UnprocessableEntity,
        [CampaignErrors.CampaignState] = StatusCodes.Status409Conflict,
        // h13-misc: a policy document that does not validate, a person nobody knows
        [CampaignErrors.PolicyInvalid] = StatusCodes.Status422UnprocessableEntity,
        [CampaignErrors.CustomerUnknown] = StatusCodes.Status404NotFound,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int StatusOf(string code) => Statuses.GetValueOrDefault(code, StatusCodes.Status400BadRequest);

    /// <summary>The problem type of a code: <c>RULESET_NOT_A_DRAFT</c> → <c>…/problems/ruleset-not-a-draft</c>.</summary>
    public static string TypeOf(string code) => TypeBase + code.ToLowerInvariant().Replace('_', '-');
}
