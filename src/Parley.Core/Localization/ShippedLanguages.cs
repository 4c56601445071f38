namespace Parley.Core.Localization;

/// <summary>The languages Parley ships every end-user string in (PRODUCT.md §9).</summary>
public static class ShippedLanguages
{
    public static readonly IReadOnlyList<string> All =
    [
        "en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "pt-PT", "it", "nl", "ru", "pl", "tr",
        "sv", "da", "nb", "fi", "cs", "hu", "ro", "el", "uk", "id", "th", "vi", "hi", "ar", "he",
    ];

    /// <summary>Languages written right to left.</summary>
    public static readonly IReadOnlySet<string> RightToLeft = new HashSet<string>(["ar", "he"], StringComparer.OrdinalIgnoreCase);
}
