namespace Kasse.Tests.Infrastructure;

/// <summary>Finds the checkout and the silo's own build output (for starting silo processes).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Kasse.Silo.dll as built by its own project, in the same configuration as the tests.</summary>
    public static string SiloAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var path = Path.Combine(Root, "silo", "bin", configuration, "net10.0", "Kasse.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("silo not built", path);
        }
    }

    /// <summary>A sample file of tests/Kasse.Tests/TestData: kept in the repository, so a clone alone runs its tests.</summary>
    public static string TestData(string fileName) => Path.Combine(Root, "tests", "Kasse.Tests", "TestData", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kasse.Orleans.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Kasse.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
