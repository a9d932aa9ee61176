"""Draw the app icon (resources/icon.png, resources/icon.ico): a seat block split between
the two partners' colours, with the majority line. Run: python tools/make_icon.py"""
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]


def draw(size: int = 256) -> Image.Image:
    s = size / 256
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=44 * s, fill="#F4F6F8", outline="#30363D",
                        width=max(1, int(6 * s)))
    # ten rows of nine seats, like the 90 seats in ten Lok Sabha seats
    colours = ["#1A5FB4"] * 4 + ["#2AA198"] * 42 + ["#F28C28"] * 44
    k = 0
    for row in range(10):
        for col in range(9):
            x0, y0 = 34 * s + col * 21 * s, 30 * s + row * 20 * s
            d.rounded_rectangle([x0, y0, x0 + 17 * s, y0 + 16 * s], radius=4 * s, fill=colours[k])
            k += 1
    y = 30 * s + 5 * 20 * s + 0.5 * 20 * s - 10 * s  # the majority line after seat 46
    d.line([22 * s, y, 234 * s, y], fill="#111111", width=max(1, int(5 * s)))
    return im


if __name__ == "__main__":
    big = draw(256)
    big.save(ROOT / "resources" / "icon.png")
    big.save(ROOT / "resources" / "icon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print("wrote resources/icon.png and resources/icon.ico")
