using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kasse.Web;

/// <summary>RFC 9457 problem details, one factory per kind of problem.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title, type: ProblemCodes.TypeOf("NOT_FOUND"));

    /// <summary>A coded refusal: the code is the title and names the type; the status comes from <see cref="ProblemCodes"/>.</summary>
    public static ProblemHttpResult Coded(string code, string detail) =>
        TypedResults.Problem(detail, statusCode: ProblemCodes.StatusOf(code), title: code, type: ProblemCodes.TypeOf(code));

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Die Eingabe ist ungültig.", type: ProblemCodes.TypeOf("VALIDATION"));
}
