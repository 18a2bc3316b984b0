#!/usr/bin/env python3
# usage: python3 resources/icons/render_icon.py resources/icons/difflab-256.png
# Renders resources/icons/difflab.svg's shapes to a 256x256 PNG (4x4 supersampling), for Qt builds without
# an SVG icon engine. Pure python3 + zlib.
import struct, zlib, sys
N=256; S=4
def hexc(h): return tuple(int(h[i:i+2],16) for i in (1,3,5))
bg=hexc('#1a202c'); c0=hexc('#2b6cb0'); c1=hexc('#9f7aea'); dots=c1
circles=[(140,104,9),(150,146,8),(132,128,10),(172,118,6),(178,158,6),(168,88,5),(200,100,4),(206,136,4),(196,170,3),(218,120,3),(222,84,2),(226,160,2)]
def inside_rrect(x,y):
    x0,y0,x1,y1,r=8,8,248,248,40
    if x<x0 or x>x1 or y<y0 or y>y1: return False
    cx=min(max(x,x0+r),x1-r); cy=min(max(y,y0+r),y1-r)
    return (x-cx)**2+(y-cy)**2<=r*r
rows=[]
for py in range(N):
    row=bytearray([0])
    for px in range(N):
        acc=[0,0,0,0]
        for sy in range(S):
            for sx in range(S):
                x=px+(sx+.5)/S; y=py+(sy+.5)/S
                if not inside_rrect(x,y): continue
                col=bg
                if (x-78)**2+(y-128)**2<=42*42:
                    # the gradient spans the circle's bounding box (objectBoundingBox units)
                    f=min(max((x-36)/84,0),1); col=tuple(a+(b-a)*f for a,b in zip(c0,c1))
                for cx,cy,r in circles:
                    if (x-cx)**2+(y-cy)**2<=r*r: col=dots
                acc[0]+=col[0]; acc[1]+=col[1]; acc[2]+=col[2]; acc[3]+=255
        n=S*S
        a=acc[3]/n
        if acc[3]: row+=bytes([round(acc[0]/(acc[3]/255)),round(acc[1]/(acc[3]/255)),round(acc[2]/(acc[3]/255)),round(a)])
        else: row+=bytes([0,0,0,0])
    rows.append(bytes(row))
raw=b''.join(rows)
def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d)&0xffffffff)
png=b'\x89PNG\r\n\x1a\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',N,N,8,6,0,0,0))+chunk(b'IDAT',zlib.compress(raw,9))+chunk(b'IEND',b'')
open(sys.argv[1],'wb').write(png)
