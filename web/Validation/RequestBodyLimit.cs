using Microsoft.AspNetCore.Http.Metadata;

namespace Kasse.Web.Validation;

/// <summary>Endpoint metadata: the largest request body this endpoint reads; routing applies it before the endpoint runs.</summary>
public sealed record RequestBodyLimit(long Bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Bytes;
}
