using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Parley.BrowserTests.Infrastructure;

/// <summary>axe-core (installed from npm by test.sh) run inside the page, shadow roots included.</summary>
public static class Axe
{
    /// <summary>
    /// Runs every axe rule on the page and returns the violations of serious or critical impact, described
    /// one per line. With <paramref name="inShadowRoot"/> (the messenger), it also proves axe looked inside a shadow root.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, bool inShadowRoot = true)
    {
        Assert.True(File.Exists(RepoPaths.AxeScript),
            $"axe-core is missing at {RepoPaths.AxeScript}; run `npm ci --prefix tests/Parley.BrowserTests/axe` (test.sh does).");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RepoPaths.AxeScript });
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const results = await axe.run(document);
              return {
                // Nodes inside a shadow root have a nested target; counting them proves axe looked inside the messenger.
                checkedInShadow: results.passes.flatMap(p => p.nodes).filter(n => Array.isArray(n.target[0])).length,
                violations: results.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), summary: n.failureSummary })),
                })),
              };
            }
            """);
        if (inShadowRoot)
        {
            Assert.True(result.GetProperty("checkedInShadow").GetInt32() > 0, "axe checked nothing inside a shadow root.");
        }
        var found = new List<string>();
        foreach (var violation in result.GetProperty("violations").EnumerateArray())
        {
            var impact = violation.GetProperty("impact").GetString();
            if (impact is not ("serious" or "critical"))
            {
                continue;
            }
            var text = new StringBuilder($"{impact} {violation.GetProperty("id").GetString()}: {violation.GetProperty("help").GetString()}");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                text.Append($"\n    at {node.GetProperty("target").GetString()}: {node.GetProperty("summary").GetString()}");
            }
            found.Add(text.ToString());
        }
        return found;
    }
}
