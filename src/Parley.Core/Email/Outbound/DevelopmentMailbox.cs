using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Parley.Core.Email.Outbound;

/// <summary>
/// Where mail goes when no SMTP server is configured (PRODUCT.md §8): one .eml file per message in a folder,
/// newest kept, so nothing is silently dropped and a developer can read every email the app sent.
/// </summary>
public sealed partial class DevelopmentMailbox
{
    public const int DefaultKeep = 1000;
    public const long DefaultMaxReadBytes = 25 * 1024 * 1024;

    private const string StampFormat = "yyyyMMdd'T'HHmmssfff";
    private const string Extension = ".eml";

    private readonly TimeProvider _clock;
    private readonly Lock _tempCleaning = new();
    private bool _tempCleaned;

    public DevelopmentMailbox(string folder, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(clock);
        Folder = Path.GetFullPath(folder);
        _clock = clock;
    }

    public string Folder { get; }

    /// <summary>How many messages are kept; saving one more deletes the oldest.</summary>
    public int Keep { get; init; } = DefaultKeep;

    /// <summary>Larger files are not parsed by <see cref="Read"/>, which holds the whole message in memory.</summary>
    public long MaxReadBytes { get; init; } = DefaultMaxReadBytes;

    private string TempFolder => Path.Combine(Folder, "tmp");

    /// <summary>A delivery that saves each message as a file; it reports Delivered unless the disk fails.</summary>
    public IMailDelivery Open() => new DevelopmentMailDelivery(this);

    /// <summary>Whether <paramref name="id"/> has the shape of a saved message's id, which also rules out any path.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The newest messages first, from their headers only.</summary>
    public IReadOnlyList<DevelopmentMailItem> List(int max = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var items = new List<DevelopmentMailItem>();
        foreach (var id in SavedIdsNewestFirst())
        {
            if (items.Count >= max)
            {
                break;
            }
            if (TryReadItem(id) is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    /// <summary>The whole message, or null when the id is malformed, unknown, or the file exceeds <see cref="MaxReadBytes"/>.</summary>
    public MimeMessage? Read(string id)
    {
        if (!IsValidId(id))
        {
            return null;
        }
        var file = new FileInfo(PathOf(id));
        if (!file.Exists || file.Length > MaxReadBytes)
        {
            return null;
        }
        try
        {
            using var stream = file.OpenRead();
            return MimeMessage.Load(stream);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes one message; false when the id is malformed or unknown.</summary>
    public bool Delete(string id)
    {
        if (!IsValidId(id))
        {
            return false;
        }
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }

    internal async Task<DeliveryResult> SaveAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = _clock.GetUtcNow().UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        var temp = Path.Combine(TempFolder, id + Extension);
        try
        {
            PrepareFolders();
            // Written aside and moved in whole, so a crash never leaves a half message where List and Read look.
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(stream, ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, PathOf(id));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            return DeliveryResult.Temporary($"Could not save to the development mailbox in {Folder}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            File.Delete(temp);
            throw;
        }
        Prune();
        return DeliveryResult.Delivered($"Saved to the development mailbox as {id}.");
    }

    private void PrepareFolders()
    {
        lock (_tempCleaning)
        {
            Directory.CreateDirectory(TempFolder);
            if (_tempCleaned)
            {
                return;
            }
            // Leftovers of a crash mid-write; no save of this instance has started yet, so none is in use.
            foreach (var leftover in Directory.EnumerateFiles(TempFolder))
            {
                File.Delete(leftover);
            }
            _tempCleaned = true;
        }
    }

    private void Prune()
    {
        foreach (var id in SavedIdsNewestFirst().Skip(Math.Max(0, Keep)))
        {
            File.Delete(PathOf(id));
        }
    }

    private List<string> SavedIdsNewestFirst()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        var ids = Directory.EnumerateFiles(Folder, "*" + Extension)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(IsValidId)
            .ToList();
        // Ids start with the UTC time they were saved, so ordinal order is time order.
        ids.Sort((a, b) => string.CompareOrdinal(b, a));
        return ids;
    }

    private DevelopmentMailItem? TryReadItem(string id)
    {
        try
        {
            using var stream = File.OpenRead(PathOf(id));
            var headers = HeaderList.Load(stream);
            return new DevelopmentMailItem(id, SavedAt(id), Addresses(headers, HeaderId.From), Addresses(headers, HeaderId.To),
                headers[HeaderId.Subject] ?? "", MessageId(headers), stream.Length);
        }
        catch (FileNotFoundException)
        {
            // Deleted between listing the folder and opening the file.
            return null;
        }
    }

    private static string Addresses(HeaderList headers, HeaderId id)
    {
        var header = headers.FirstOrDefault(h => h.Id == id);
        return header is not null && InternetAddressList.TryParse(header.RawValue, out var list) ? list.ToString() : header?.Value.Trim() ?? "";
    }

    private static string? MessageId(HeaderList headers) =>
        headers[HeaderId.MessageId] is { } value ? MimeUtils.EnumerateReferences(value).FirstOrDefault() : null;

    private static DateTimeOffset SavedAt(string id) =>
        DateTimeOffset.ParseExact(id.AsSpan(0, 18), StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private string PathOf(string id) => Path.Combine(Folder, id + Extension);

    // yyyyMMddTHHmmssfff-<32 hex digits>; \z rather than $ so a trailing newline cannot slip through.
    [GeneratedRegex(@"\A[0-9]{8}T[0-9]{9}-[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
