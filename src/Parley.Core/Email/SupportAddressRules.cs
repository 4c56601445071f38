namespace Parley.Core.Email;

/// <summary>Limits of a support address's fields.</summary>
public static class SupportAddressRules
{
    public const int MaxDisplayNameLength = 100;
}
