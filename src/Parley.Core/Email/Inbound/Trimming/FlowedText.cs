using System.Text;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Joins the soft line breaks of format=flowed text (RFC 3676) back into paragraphs.</summary>
/// <remarks>
/// MimeKit's own converter runs the "-- " signature line into the next one, which hides the signature;
/// RFC 3676 §4.3 says that line never flows.
/// </remarks>
internal static class FlowedText
{
    public static string Unflow(string text, bool deleteSpace)
    {
        var output = new StringBuilder(text.Length);
        var paragraph = new StringBuilder();
        var paragraphDepth = -1;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var depth = 0;
            while (depth < raw.Length && raw[depth] == '>')
            {
                depth++;
            }

            var content = raw[depth..];
            if (content.StartsWith(' '))
            {
                // Space-stuffing: a line that starts with a space, "From " or ">" was sent with one more space.
                content = content[1..];
            }

            if (paragraphDepth >= 0 && (depth != paragraphDepth || content == "-- "))
            {
                Flush(output, paragraph, paragraphDepth);
            }

            paragraphDepth = depth;
            var flowed = content.EndsWith(' ') && content != "-- ";
            if (flowed && deleteSpace)
            {
                content = content[..^1];
            }

            paragraph.Append(content);
            if (!flowed)
            {
                Flush(output, paragraph, depth);
                paragraphDepth = -1;
            }
        }

        if (paragraphDepth >= 0)
        {
            Flush(output, paragraph, paragraphDepth);
        }

        return output.ToString().TrimEnd('\n');
    }

    private static void Flush(StringBuilder output, StringBuilder paragraph, int depth)
    {
        if (depth > 0)
        {
            output.Append('>', depth).Append(' ');
        }

        output.Append(paragraph).Append('\n');
        paragraph.Clear();
    }
}
