namespace NeuroKit.Diagnostics;

/// <summary>
/// Finds a Chromium or Chrome executable for headless rendering checks. <c>NEUROKIT_CHROMIUM</c> overrides
/// the search; then common executable names on PATH; then the usual install paths on Windows and macOS.
/// </summary>
public static class Chromium
{
    /// <summary>The environment variable naming the browser executable to use.</summary>
    public const string EnvironmentVariable = "NEUROKIT_CHROMIUM";

    /// <summary>How to install it on Debian and Ubuntu.</summary>
    public const string InstallHint =
        "install it with 'sudo apt-get install chromium' (Debian) or set NEUROKIT_CHROMIUM to a Chrome/Chromium executable";

    /// <summary>The executable's full path, or null when none was found.</summary>
    public static string? Find()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env) && File.Exists(env))
            return env;
        string[] names = OperatingSystem.IsWindows()
            ? ["chrome.exe", "msedge.exe", "chromium.exe"]
            : ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var name in names)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        string[] known =
            OperatingSystem.IsMacOS()
                ?
                [
                    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                    "/Applications/Chromium.app/Contents/MacOS/Chromium",
                ]
            : OperatingSystem.IsWindows()
                ?
                [
                    @"C:\Program Files\Google\Chrome\Application\chrome.exe",
                    @"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
                ]
            : [];
        return known.FirstOrDefault(File.Exists);
    }
}
