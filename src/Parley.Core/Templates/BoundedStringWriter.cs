using System.Globalization;
using System.Text;

namespace Parley.Core.Templates;

/// <summary>A string writer that refuses to grow past a limit, so a template that repeats itself cannot exhaust memory.</summary>
internal sealed class BoundedStringWriter(int maxLength) : StringWriter(CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Check();
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        base.Write(buffer);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(StringBuilder? value)
    {
        base.Write(value);
        Check();
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
    {
        Write(value);
        return Task.CompletedTask;
    }

    private void Check()
    {
        if (GetStringBuilder().Length > maxLength)
        {
            throw new TemplateLimitException($"The template's output grew past {maxLength} characters.");
        }
    }
}
