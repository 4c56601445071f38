using System.Text.RegularExpressions;
using System.Xml.Linq;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Workspace;

namespace Parley.Server.Tests.Workspace;

/// <summary>Every language the workspace offers has every workspace and admin string, with the same placeholders as English.</summary>
public sealed partial class WorkspaceTranslationsTests
{
    private static readonly string Folder = RepoFolder.Find("src", "Parley.Server", "Workspace", "Resources");

    public static TheoryData<string> Translations => [.. WorkspaceSetup.Languages.Where(l => l != "en")];

    [Theory]
    [MemberData(nameof(Translations))]
    public void Language_has_every_workspace_string_with_matching_placeholders(string language)
    {
        var english = Load("WorkspaceStrings.resx");
        var translated = Load($"WorkspaceStrings.{language}.resx");

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{language}: \"{key}\" is empty.");
            Assert.True(Placeholders(text).SequenceEqual(Placeholders(translated[key])), $"{language}: \"{key}\" has other placeholders than English.");
        }
    }

    [Fact]
    public void No_workspace_resource_file_is_shipped_for_a_language_the_workspace_does_not_offer()
    {
        var languages = Directory.GetFiles(Folder, "WorkspaceStrings.*.resx")
            .Select(f => Path.GetFileName(f).Split('.')[1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(WorkspaceSetup.Languages.Where(l => l != "en").Order(StringComparer.Ordinal), languages);
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    // {0}, {1:N0}: the index and format; the order in the sentence may differ between languages.
    private static string[] Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
