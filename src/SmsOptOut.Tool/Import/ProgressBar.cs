using System.Diagnostics;
using System.Globalization;

namespace SmsOptOut.Tool.Import;

/// <summary>A progress bar with rows per second on the error stream, redrawn at most four times a second; silent when the stream is redirected (scripts, CI).</summary>
internal sealed class ProgressBar(ImportFile file, TextWriter error, bool interactive)
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawn = -1_000;

    public void Report(long rows)
    {
        if (!interactive || _clock.ElapsedMilliseconds - _lastDrawn < 250)
        {
            return;
        }

        _lastDrawn = _clock.ElapsedMilliseconds;
        var fraction = file.Length == 0 ? 1 : Math.Clamp(file.Position / (double)file.Length, 0, 1);
        var filled = (int)(fraction * Width);
        var rate = rows / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0}  {rows,12:N0} rows  {rate,10:N0} rows/s"));
    }

    public void Done()
    {
        if (interactive && _lastDrawn >= 0)
        {
            error.WriteLine();
        }
    }
}
