namespace Kasse.Grains.EinmalPin.Import;

/// <summary>What one committed batch of an import left behind: the counters so far, the bytes read, the encoding, and how many cases were new in it.</summary>
public sealed record PinImportProgress(PinImportCounts Counts, long BytesRead, string Encoding, int NewCases);
