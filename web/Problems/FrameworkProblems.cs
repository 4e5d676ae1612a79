using Microsoft.AspNetCore.Http;

namespace Kasse.Web;

/// <summary>
/// Problem details the framework writes by itself (a status code page) get a code like ours where one is known: a
/// body above an endpoint's limit is refused by the server before the endpoint runs, as 413 REQUEST_TOO_LARGE.
/// </summary>
public static class FrameworkProblems
{
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status == StatusCodes.Status413PayloadTooLarge && problem.Type?.StartsWith(ProblemCodes.TypeOf(""), StringComparison.Ordinal) != true)
        {
            problem.Type = ProblemCodes.TypeOf(ProblemCodes.RequestTooLarge);
            problem.Title = ProblemCodes.RequestTooLarge;
            problem.Detail = RequestTooLargeDetail;
        }
    }

    public const string RequestTooLargeDetail = "Die Anfrage ist größer, als diese Schnittstelle annimmt.";
}
