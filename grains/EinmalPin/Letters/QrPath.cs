using QRCoder;
using SkiaSharp;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>A QR code as one vector path (one rectangle per dark module), so the PDF carries no bitmap and prints sharp.</summary>
public static class QrPath
{
    /// <summary>The path of the code for <paramref name="payload"/> at the origin, <paramref name="size"/> points wide, quiet zone inside.</summary>
    public static SKPath Create(string payload, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        var path = new SKPath();
        for (var row = 0; row < matrix.Count; row++)
        {
            var line = matrix[row];
            for (var column = 0; column < line.Length; column++)
            {
                if (line[column])
                    path.AddRect(SKRect.Create(column * module, row * module, module, module));
            }
        }
        return path;
    }
}
