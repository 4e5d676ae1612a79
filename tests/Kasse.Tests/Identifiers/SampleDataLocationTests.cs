using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Identifiers;

/// <summary>A clone of the repository alone runs its tests: the sample files they read live inside it.</summary>
public sealed class SampleDataLocationTests
{
    [Theory]
    [InlineData("versicherte-1000.csv")]
    [InlineData("einmalpin-vorgaenge-300.csv")]
    public void The_sample_files_the_tests_read_are_inside_the_repository(string fileName)
    {
        var path = Path.GetFullPath(RepositoryPaths.TestData(fileName));
        Assert.StartsWith(RepositoryPaths.Root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.True(File.Exists(path), path);
    }

    [Fact]
    public void No_test_reads_a_file_from_outside_the_repository()
    {
        // Built from parts so that this file does not find itself.
        string[] outside = ["../" + "shared/", "\"..\", \"" + "shared\""];
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file)
                .Where(line => !line.TrimStart().StartsWith("///", StringComparison.Ordinal) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .Where(line => outside.Any(o => line.Contains(o, StringComparison.Ordinal)))
                .Select(line => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {line.Trim()}"))
            .ToArray();
        Assert.Empty(offenders);
    }
}
