using Kasse.Silo;
using Kasse.Silo.Hosting;
using Kasse.Silo.Storage;

if (args.Contains(HealthProbeCommand.Name))
    return await HealthProbeCommand.RunAsync(args);
if (args.Contains(MigrateCommand.Name))
    return await MigrateCommand.RunAsync(args);
var app = KasseServer.Create(args);
try
{
    await app.ApplyMigrationsAsync();
}
catch (SchemaOutdatedException e)
{
    // A clear refusal, not a stack trace: the operator runs migrate and starts again.
    await Console.Error.WriteLineAsync($"Kasse.Silo: {e.Message}");
    return 3;
}
await app.RunAsync();
return 0;
