using Microsoft.Playwright;

namespace Kasse.Tests.Browser;

/// <summary>
/// The options of Playwright's expectations, all with <see cref="BrowserSteps.Timeout"/>: an expectation waits until the
/// page shows the state, at most that long. Test classes import them with <c>using static</c>.
/// </summary>
public static class BrowserWaits
{
    public static readonly LocatorAssertionsToHaveTextOptions Text = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToHaveAttributeOptions HasAttribute = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToHaveValueOptions Value = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToHaveCountOptions Count = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = BrowserSteps.Timeout };
    public static readonly LocatorAssertionsToBeHiddenOptions Hidden = new() { Timeout = BrowserSteps.Timeout };
}
