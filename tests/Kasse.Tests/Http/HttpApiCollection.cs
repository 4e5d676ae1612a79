namespace Kasse.Tests.Http;

/// <summary>The HTTP API tests share one host (<see cref="HttpApiFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class HttpApiCollection : ICollectionFixture<HttpApiFixture>
{
    public const string Name = "http api host";
}
