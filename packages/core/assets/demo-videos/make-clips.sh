#!/bin/sh
# Makes the demo clips in this folder with Debian's ffmpeg (apt-get install ffmpeg fonts-noto-cjk).
# Each clip: 6 s, 540x960 portrait, 24 fps, H.264 (yuv420p, faststart), a quiet tone, a warm
# moving colour field, a sliding highlight and a Chinese caption. Captions name the category, not
# one product, because each clip is reused for every demo video of its category. The product
# never runs this.
set -eu
cd "$(dirname "$0")"
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

# clip <file> <colour0> <colour1> <title> <subtitle> <tone Hz>
clip() {
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "gradients=s=540x960:c0=$2:c1=$3:x0=0:y0=0:x1=540:y1=960:speed=0.015:duration=6:rate=24" \
    -f lavfi -i "sine=frequency=$6:sample_rate=22050:duration=6" \
    -filter_complex "[0:v]drawbox=x='mod(t*140,780)-240':y=0:w=100:h=960:color=white@0.18:t=fill,\
drawbox=x=45:y='570+30*sin(t*2)':w=450:h=180:color=white@0.22:t=fill,\
drawtext=fontfile=$FONT:text='$4':fontsize=84:fontcolor=white:borderw=3:bordercolor=black@0.35:x=(w-text_w)/2:y='300-15*sin(t*3)',\
drawtext=fontfile=$FONT:text='$5':fontsize=44:fontcolor=white:x=(w-text_w)/2:y='635+30*sin(t*2)',\
drawtext=fontfile=$FONT:text='种草 Zhongcao':fontsize=26:fontcolor=white@0.8:x=24:y=h-60[v];\
[1:a]volume=0.05[a]" \
    -map "[v]" -map "[a]" -c:v libx264 -preset slow -crf 30 -pix_fmt yuv420p -profile:v main \
    -c:a aac -b:a 24k -ac 1 -movflags +faststart -t 6 "$1"
}

clip orchard-oranges.mp4 '#ff7a18' '#ffd166' '新鲜现摘' '高原果园 · 产地直发' 220
clip mountain-honey.mp4 '#e09f3e' '#9e2a2b' '古法酿造' '厨房必备 · 家的味道' 247
clip river-tea.mp4 '#2d6a4f' '#95d5b2' '明前春茶' '高山云雾 · 一泡回甘' 262
clip fresh-seafood.mp4 '#0077b6' '#90e0ef' '今早出海' '渔船直供 · 冰鲜到家' 196
clip farm-rice.mp4 '#bc6c25' '#fefae0' '新粮上市' '黑土地好粮 · 软糯香甜' 233
clip spicy-snacks.mp4 '#d00000' '#ffba08' '解馋零食' '追剧必备 · 一口上头' 294
clip kitchen-knives.mp4 '#495057' '#adb5bd' '匠心厨具' '经久耐用 · 厨房升级' 175
