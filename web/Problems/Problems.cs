using Kasse.Conversations;
using Kasse.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kasse.Web;

/// <summary>RFC 9457 problem details with German titles, one factory per kind of problem.</summary>
public static class Problems
{
    private const string TypeBase = "https://kasse-orleans.dev/problems/";

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title, type: TypeBase + "not-found");

    public static ProblemHttpResult Invalid(string title, string detail, string code) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title, type: TypeBase + code);

    /// <summary>A refusal of a conversation grain as problem details; the stable code is the type's last segment.</summary>
    public static ProblemHttpResult FromConversation(ConversationException e)
    {
        var status = e.Code switch
        {
            ConversationErrors.NotFound or ConversationErrors.AttachmentNotFound => StatusCodes.Status404NotFound,
            ConversationErrors.Forbidden => StatusCodes.Status403Forbidden,
            ConversationErrors.Closed => StatusCodes.Status409Conflict,
            ConversationErrors.AttachmentTooLarge => StatusCodes.Status413PayloadTooLarge,
            ConversationErrors.AttachmentType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(e.Message, statusCode: status, title: e.Code, type: TypeBase + e.Code.ToLowerInvariant().Replace('_', '-'));
    }

    /// <summary>A refusal of a rule set grain as problem details.</summary>
    public static ProblemHttpResult FromRuleSet(RuleSetException e)
    {
        var status = e.Code switch
        {
            RuleSetErrors.UnknownRuleSet or RuleSetErrors.UnknownVersion => StatusCodes.Status404NotFound,
            RuleSetErrors.NotADraft or RuleSetErrors.NeverPublished => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(e.Message, statusCode: status, title: e.Code, type: TypeBase + e.Code.ToLowerInvariant().Replace('_', '-'));
    }

    public static async Task<Results<Ok<T>, ProblemHttpResult>> CatchConversation<T>(Func<Task<T>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (ConversationException e)
        {
            return FromConversation(e);
        }
    }

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Die Eingabe ist ungültig.", type: TypeBase + "validation");
}
