// QR codes of places: PNG and SVG for screens and print shops, and an A4 poster (SVG, in mm)
// with the place's name and a call to action, ready to print and put on the wall.
import QRCode from 'qrcode';

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** The QR modules as one SVG path, drawn in a size × size box. */
function qrPath(url: string): { d: string; size: number } {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  let d = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (qr.modules.get(y, x)) d += `M${x} ${y}h1v1h-1z`;
  return { d, size };
}

export function qrPoster(input: { url: string; placeName: string; organizationName: string; code: string }): string {
  const { d, size } = qrPath(input.url);
  const box = 150; // mm
  const scale = box / size;
  const font = `font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">
  <rect width="210" height="297" fill="#ffffff"/>
  <rect width="210" height="36" fill="#b71c1c"/>
  <text x="105" y="24" text-anchor="middle" ${font} font-size="14" fill="#ffffff" font-weight="bold">${escapeXml(input.organizationName)}</text>
  <text x="105" y="62" text-anchor="middle" ${font} font-size="15" font-weight="bold" fill="#222222">${escapeXml(input.placeName)}</text>
  <g transform="translate(${(210 - box) / 2} 78) scale(${scale})"><path d="${d}" fill="#000000" shape-rendering="crispEdges"/></g>
  <text x="105" y="250" text-anchor="middle" ${font} font-size="16" font-weight="bold" fill="#b71c1c">扫码说事 有事好商量</text>
  <text x="105" y="264" text-anchor="middle" ${font} font-size="6" fill="#555555">无需注册，可上传照片；提交后凭查询码查看办理进度和答复</text>
  <text x="105" y="285" text-anchor="middle" font-family="monospace" font-size="5" fill="#888888">${escapeXml(input.url)}</text>
</svg>
`;
}
