namespace Kasse.Grains.Forms.Definitions;

/// <summary>Whether a submission goes to a clerk (<c>clerkIf</c>), and the work item's topic, skills and priority.</summary>
public sealed record FormReviewDefinition(string ClerkIf, string Topic, IReadOnlyList<string> Skills, int? Priority);
