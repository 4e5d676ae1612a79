using Kasse.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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

    [Fact]
    public void The_query_token_goes_in_any_case_and_from_the_raw_target_too()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/hubs/customer";
        context.Request.QueryString = new QueryString("?ACCESS_TOKEN=eyJ.test.token&id=abc");
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/hubs/customer?ACCESS_TOKEN=eyJ.test.token&id=abc";

        WebSocketCredentials.Forget(context.Request);

        Assert.Equal("abc", context.Request.Query["id"]);
        Assert.Equal("/hubs/customer?id=abc", context.Features.Get<IHttpRequestFeature>()!.RawTarget);
    }
}
