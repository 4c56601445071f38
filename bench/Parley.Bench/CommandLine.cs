using System.Globalization;

namespace Parley.Bench;

/// <summary>Every mode's options are "--name value" pairs; this reads them, and their numbers, the same way for all.</summary>
internal static class CommandLine
{
    /// <summary>Folds each pair into <paramref name="options"/> with <paramref name="apply"/>; --help or a missing value ends with the usage.</summary>
    public static T Parse<T>(string[] args, T options, string usage, Func<T, string, string, T> apply)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new UsageException(usage);
            }
            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{name} needs a value.\n\n{usage}");
            }
            options = apply(options, name, args[++i]);
        }
        return options;
    }

    public static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name} must be a whole number from {min} to {max}.");

    public static UsageException Unknown(string name, string usage) => new($"Unknown option {name}.\n\n{usage}");
}

internal sealed class UsageException(string message) : Exception(message);
