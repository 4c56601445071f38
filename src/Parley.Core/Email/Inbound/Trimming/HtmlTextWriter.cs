using System.Text;

namespace Parley.Core.Email.Inbound.Trimming;

/// <summary>Builds plain text line by line for <see cref="HtmlText"/>: collapsed spaces, block breaks, quote depth.</summary>
internal sealed class HtmlTextWriter
{
    private readonly List<(int Depth, string Text, bool Pre)> _lines = [];
    private readonly StringBuilder _current = new();
    private bool _currentPre;
    private int _pendingBreaks;
    private StringBuilder? _link;

    /// <summary>How many blockquotes the current text is in; each becomes one "&gt;".</summary>
    public int QuoteDepth { get; private set; }

    public int PreDepth { get; set; }

    /// <summary>Text as HTML shows it: runs of white space are one space (unless in &lt;pre&gt;).</summary>
    public void Text(string text)
    {
        if (PreDepth > 0)
        {
            Preformatted(text);
            return;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                if (c is '\u200B' or '\uFEFF' || _current.Length == 0 || _current[^1] == ' ')
                {
                    continue;
                }

                _current.Append(' ');
                _link?.Append(' ');
                continue;
            }

            ApplyBreaks();
            _current.Append(c);
            _link?.Append(c);
        }
    }

    /// <summary>Text written as is, such as a list marker.</summary>
    public void Raw(string text)
    {
        ApplyBreaks();
        // A nested list's marker keeps its indentation, as preformatted text does.
        _currentPre |= _current.Length == 0;
        _current.Append(text);
    }

    /// <summary>The next text starts on a new line.</summary>
    public void Block() => _pendingBreaks = Math.Max(_pendingBreaks, 1);

    /// <summary>The next text starts after a blank line.</summary>
    public void Paragraph() => _pendingBreaks = 2;

    /// <summary>&lt;br&gt;: ends the line, or adds an empty one.</summary>
    public void LineBreak()
    {
        ApplyBreaks();
        EndLine(force: true);
    }

    public void EnterQuote()
    {
        // The blank line before a quote belongs to the text around it, not to the quote.
        Paragraph();
        ApplyBreaks();
        QuoteDepth++;
    }

    public void ExitQuote()
    {
        EndLine(force: false);
        QuoteDepth--;
        Paragraph();
    }

    public void StartLink() => _link = new StringBuilder();

    /// <summary>The text the link showed, so the caller can add its address when it differs.</summary>
    public string EndLink()
    {
        var text = _link?.ToString().Trim() ?? "";
        _link = null;
        return text;
    }

    public override string ToString()
    {
        EndLine(force: false);
        var text = new StringBuilder();
        var blank = true;
        foreach (var (depth, line, pre) in _lines)
        {
            var trimmed = line.Trim();
            var isBlank = trimmed.Length == 0;
            if (isBlank && blank)
            {
                continue;
            }

            if (depth > 0)
            {
                text.Append('>', depth);
                if (!isBlank)
                {
                    text.Append(' ');
                }
            }

            text.Append(pre ? line.TrimEnd() : trimmed).Append('\n');
            blank = isBlank;
        }

        return text.ToString().Trim('\n');
    }

    private void Preformatted(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                EndLine(force: true);
            }

            if (lines[i].Length > 0)
            {
                ApplyBreaks();
                _currentPre = true;
                _current.Append(lines[i].Replace('\u00A0', ' '));
                _link?.Append(lines[i]);
            }
        }
    }

    private void ApplyBreaks()
    {
        if (_pendingBreaks == 0)
        {
            return;
        }

        EndLine(force: false);
        if (_pendingBreaks == 2 && _lines.Count > 0 && _lines[^1].Text.Trim().Length > 0)
        {
            _lines.Add((QuoteDepth, "", false));
        }

        _pendingBreaks = 0;
    }

    private void EndLine(bool force)
    {
        if (_current.Length > 0 || force)
        {
            // Preformatted lines keep their indentation; others lose the space a collapsed break left.
            _lines.Add((QuoteDepth, _current.ToString(), _currentPre));
            _current.Clear();
            _currentPre = false;
        }
    }
}
