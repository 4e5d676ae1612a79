using Microsoft.AspNetCore.Http;

namespace Kasse.Web.Validation;

/// <summary>
/// Refuses a request whose query or route values hold text outside <see cref="TextRules"/> before any endpoint
/// sees it (JSON bodies are checked while they are read, see <see cref="JsonTextGuard"/>).
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (!TextRules.IsClean(key))
                throw new InvalidTextException("Abfrageparameter");
            foreach (var value in values)
            {
                if (!TextRules.IsClean(value))
                    throw new InvalidTextException(key);
            }
        }
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is string text && !TextRules.IsClean(text))
                throw new InvalidTextException(key);
        }
        return next(context);
    }
}
