using Kasse.Conversations;
using Microsoft.AspNetCore.Builder;

namespace Kasse.Web.Validation;

/// <summary>
/// How large a request body may be, per endpoint: what the endpoint needs and no more. Larger bodies are answered
/// 413 REQUEST_TOO_LARGE before they are read to the end.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Every endpoint without a limit of its own (the server-wide limit).</summary>
    public const long Default = 1024 * 1024;

    /// <summary>A rule document (the shipped ones are below 8 KB).</summary>
    public const long RuleDocument = 1024 * 1024;

    /// <summary>The input of a dry run: one decision's facts.</summary>
    public const long DryRunInput = 64 * 1024;

    /// <summary>Small JSON: master data of one person, a rollback request.</summary>
    public const long SmallJson = 16 * 1024;

    /// <summary>One attachment of at most 10 MB plus the multipart framing and form fields.</summary>
    public const long Attachment = ConversationErrors.MaxAttachmentBytes + 64 * 1024;

    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));
}
