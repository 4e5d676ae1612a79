using QRCoder;
using SkiaSharp;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>A QR code as one vector path (one rectangle per run of dark modules), so the PDF carries no bitmap and prints sharp.</summary>
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
            // One rectangle per run of dark modules in a row: a third of the rectangles, a smaller page.
            var line = matrix[row];
            var column = 0;
            while (column < line.Length)
            {
                if (!line[column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < line.Length && line[column])
                    column++;
                path.AddRect(SKRect.Create(start * module, row * module, (column - start) * module, module));
            }
        }
        return path;
    }
}
