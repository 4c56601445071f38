namespace Parley.Core.Localization;

/// <summary>A CLDR plural category: which form of a counted phrase a number takes in a language.</summary>
public enum PluralCategory
{
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}
