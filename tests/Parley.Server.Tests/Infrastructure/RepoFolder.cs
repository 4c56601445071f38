namespace Parley.Server.Tests.Infrastructure;

/// <summary>Folders of the repository the tests read as source (string tables, translations), found above the test's own folder.</summary>
public static class RepoFolder
{
    public static string Find(params string[] parts)
    {
        var relative = Path.Combine(parts);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"{relative} was not found above the test's folder.");
    }
}
