using Kasse.Silo;
using Kasse.Silo.Hosting;

var app = KasseServer.Create(args);
if (args.Contains("migrate"))
    return await app.MigrateAndExitAsync();
await app.ApplyMigrationsAsync();
await app.RunAsync();
return 0;
