using Kasse.Silo;
using Kasse.Silo.Hosting;

if (args.Contains(HealthProbeCommand.Name))
    return await HealthProbeCommand.RunAsync(args);
var app = KasseServer.Create(args);
if (args.Contains("migrate"))
    return await app.MigrateAndExitAsync();
await app.ApplyMigrationsAsync();
await app.RunAsync();
return 0;
