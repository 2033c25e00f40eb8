using System.Diagnostics;
using NeuroKit.Diagnostics;
using NeuroKit.Errors;

namespace NeuroKit.Cli.Gallery;

/// <summary>
/// Debian's (or any) Chromium, headless and offline, with a fresh profile per call: the DOM after a page's scripts
/// ran, and screenshots. Flags as verified in the platform notes.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Flags =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ];

    /// <summary>The page's DOM after its scripts ran (5 s of virtual time).</summary>
    public static async Task<string> DumpDomAsync(
        string page,
        CancellationToken cancellationToken
    ) =>
        (
            await RunAsync(
                ["--dump-dom", "--virtual-time-budget=5000", new Uri(page).AbsoluteUri],
                cancellationToken
            )
        ).Output;

    /// <summary>A PNG screenshot of the page's first <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static async Task ScreenshotAsync(
        string page,
        string png,
        int width,
        int height,
        CancellationToken cancellationToken
    )
    {
        var full = Path.GetFullPath(png);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp.png";
        var result = await RunAsync(
            [
                $"--screenshot={temp}",
                $"--window-size={width},{height}",
                "--virtual-time-budget=5000",
                new Uri(page).AbsoluteUri,
            ],
            cancellationToken
        );
        if (!File.Exists(temp))
            throw new NeuroKitException(
                $"Chromium wrote no screenshot of {page}: {result.Error.Trim()}"
            );
        File.Move(temp, full, overwrite: true);
    }

    private static async Task<(string Output, string Error)> RunAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken
    )
    {
        var chromium =
            Chromium.Find()
            ?? throw new NeuroKitException(
                $"Chromium was not found; the gallery renders the reports in a real browser: {Chromium.InstallHint}"
            );
        var profile = Path.Combine(Path.GetTempPath(), $"neurokit-chromium-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in Flags)
            info.ArgumentList.Add(flag);
        info.ArgumentList.Add($"--user-data-dir={profile}");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (await stdout, await stderr);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException) { }
        }
    }
}
