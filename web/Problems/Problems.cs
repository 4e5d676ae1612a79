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

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Die Eingabe ist ungültig.", type: TypeBase + "validation");
}
