using Microsoft.Playwright;

namespace Kasse.Tests.Browser;

/// <summary>Checks of a page's layout.</summary>
public static class PageLayout
{
    /// <summary>The page fits the viewport's width: nothing makes the user scroll sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("document.documentElement.clientWidth");
        Assert.True(scrollWidth <= clientWidth, $"scrollWidth {scrollWidth} > clientWidth {clientWidth}");
    }
}
