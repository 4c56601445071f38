namespace Parley.BrowserTests.Infrastructure;

/// <summary>Files of the repository the tests read or write: axe-core from npm, the screenshots in docs/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string AxeScript => Path.Combine(Root, "tests", "Parley.BrowserTests", "axe", "node_modules", "axe-core", "axe.min.js");

    public static string Screenshot(string name) => Path.Combine(Root, "docs", "screenshots", name + ".png");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
    }
}
