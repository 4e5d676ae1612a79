using Kasse.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Kasse.Tests.Foundation;

public sealed class WebSocketCredentialsTests
{
    [Fact]
    public void The_token_goes_from_header_and_query_and_everything_else_stays()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer eyJ.test.token";
        context.Request.Headers.UserAgent = "Kasse-App/1.0";
        context.Request.QueryString = new QueryString("?id=abc&access_token=eyJ.test.token");

        WebSocketCredentials.Forget(context.Request);

        Assert.False(context.Request.Headers.ContainsKey("Authorization"));
        Assert.Equal("Kasse-App/1.0", context.Request.Headers.UserAgent);
        Assert.Equal("abc", context.Request.Query["id"]);
        Assert.False(context.Request.Query.ContainsKey("access_token"));
        Assert.DoesNotContain("eyJ", context.Request.QueryString.Value, StringComparison.Ordinal);
    }
}
