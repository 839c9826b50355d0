using Portal;
using Portal.Cli;

// One executable, two faces: `Portal VERB …` runs a command-line verb on the same configuration
// and never starts the web server; anything else runs the web portal.
if (CliRunner.IsVerb(args))
    return await CliRunner.RunAsync(args);

var app = PortalWebApp.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
