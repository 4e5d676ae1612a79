using Kasse.Inbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kasse.Web.Apis;

/// <summary>
/// Refusals of the inbox grains as problem details (the code as the type's last segment). Local to the inbox endpoints
/// until the gateway's one exception handler for every <see cref="CodedException"/> lands; then this goes.
/// </summary>
public static class InboxProblems
{
    private const string TypeBase = "https://kasse-orleans.dev/problems/";

    public static ProblemHttpResult From(InboxException e)
    {
        var status = e.Code switch
        {
            InboxErrors.NotFound => StatusCodes.Status404NotFound,
            InboxErrors.OfferGone or InboxErrors.NotAssigned => StatusCodes.Status409Conflict,
            InboxErrors.Retry => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(e.Message, statusCode: status, title: e.Code, type: TypeBase + e.Code.ToLowerInvariant().Replace('_', '-'));
    }

    public static async Task<Results<Ok<T>, ProblemHttpResult>> CatchAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (InboxException e)
        {
            return From(e);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CatchAsync(Func<Task> call)
    {
        try
        {
            await call();
            return TypedResults.NoContent();
        }
        catch (InboxException e)
        {
            return From(e);
        }
    }
}
