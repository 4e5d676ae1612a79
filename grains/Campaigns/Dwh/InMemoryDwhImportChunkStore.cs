using Kasse.Grains.EinmalPin.Import;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Import chunks in memory (the embedded default and the tests); the EinmalPIN store's twin.</summary>
public sealed class InMemoryDwhImportChunkStore : InMemoryPinImportChunkStore, IDwhImportChunkStore;
