#!/usr/bin/env python3
"""Draws the exercise illustrations in assets/exercises/ from poses.

One figure, one line style for every exercise: the body as outlined
capsules, the start position in grey behind the end position in black, and
black arrows for the movement, so that each reads in black and white.
Run it from the repository root after changing a pose:

    python3 scripts/exercise_art.py

It needs only Python 3. The SVGs it writes are the source the program and
the handouts use; nothing runs this at build time.
"""

import math
import os

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "assets", "exercises")
W, H = 480, 300

INK = "#1a1a1a"
FILL = "#ffffff"
GHOST_INK = "#a6a6a6"
GHOST_FILL = "#f0f0f0"
PROP_INK = "#4d4d4d"
PROP_FILL = "#e3e3e3"

# Segment lengths and widths (px) of the side-view figure.
TORSO, NECK, HEAD_R = 76, 10, 20
UPPER_ARM, FOREARM, HAND = 46, 40, 9
THIGH, SHIN, FOOT = 62, 58, 18
W_TORSO, W_ARM, W_LEG, W_NECK = 28, 14, 19, 15


def d2r(a):
    return math.radians(a)


def step(p, angle, length):
    """The point `length` away from `p` in direction `angle` (degrees, 0 =
    right, 90 = down, as SVG's y axis points down)."""
    return (p[0] + length * math.cos(d2r(angle)), p[1] + length * math.sin(d2r(angle)))


def f(v):
    return f"{v:.1f}"


class Svg:
    """Collects shapes in drawing coordinates; `write` scales and centres
    whatever was drawn to fill the picture, at most `max_scale` times."""

    def __init__(self, max_scale=1.8):
        self.parts = []
        self.max_scale = max_scale
        self.xs, self.ys = [], []

    def add(self, text):
        self.parts.append(text)

    def track(self, points, pad=0.0):
        for x, y in points:
            self.xs += [x - pad, x + pad]
            self.ys += [y - pad, y + pad]

    def line(self, a, b, colour, width, dash=None):
        self.track([a, b], width / 2)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<line x1="{f(a[0])}" y1="{f(a[1])}" x2="{f(b[0])}" y2="{f(b[1])}" '
            f'stroke="{colour}" stroke-width="{f(width)}" stroke-linecap="round"{extra}/>'
        )

    def polyline(self, points, colour, width, fill="none", closed=False, dash=None):
        self.track(points, width / 2)
        pts = " ".join(f"{f(x)},{f(y)}" for x, y in points)
        tag = "polygon" if closed else "polyline"
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<{tag} points="{pts}" fill="{fill}" stroke="{colour}" stroke-width="{f(width)}" '
            f'stroke-linecap="round" stroke-linejoin="round"{extra}/>'
        )

    def circle(self, c, r, colour, width, fill):
        self.track([c], r + width / 2)
        self.add(
            f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r)}" fill="{fill}" '
            f'stroke="{colour}" stroke-width="{f(width)}"/>'
        )

    def path(self, d, colour, width, fill="none", dash=None, points=()):
        self.track(points, width / 2)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<path d="{d}" fill="{fill}" stroke="{colour}" stroke-width="{f(width)}" '
            f'stroke-linecap="round" stroke-linejoin="round"{extra}/>'
        )

    def write(self, name, title):
        body = "\n    ".join(self.parts)
        margin = 14
        x0, x1, y0, y1 = min(self.xs), max(self.xs), min(self.ys), max(self.ys)
        scale = min((W - 2 * margin) / (x1 - x0), (H - 2 * margin) / (y1 - y0), self.max_scale)
        ox = (W - (x1 - x0) * scale) / 2 - x0 * scale
        oy = (H - (y1 - y0) * scale) / 2 - y0 * scale
        transform = f"translate({f(ox)} {f(oy)}) scale({scale:.3f})"
        text = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" '
            f'width="{W}" height="{H}">\n  <title>{title}</title>\n'
            f'  <g transform="{transform}">\n    {body}\n  </g>\n</svg>\n'
        )
        with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as out:
            out.write(text)


def smooth(points):
    """A closed Catmull-Rom curve through `points`, as an SVG path."""
    n = len(points)
    d = f"M {f(points[0][0])} {f(points[0][1])}"
    for i in range(n):
        p0, p1 = points[i - 1], points[i]
        p2, p3 = points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d += (f" C {f(c1[0])} {f(c1[1])} {f(c2[0])} {f(c2[1])} "
              f"{f(p2[0])} {f(p2[1])}")
    return d + " Z"


def capsules(svg, segments, ink, fill):
    """Segments drawn as one outlined shape: all outlines, then all fills."""
    for a, b, w in segments:
        svg.line(a, b, ink, w + 4)
    for a, b, w in segments:
        svg.line(a, b, fill, w)


# ----- the side view -------------------------------------------------------


class Side:
    """A figure seen from its right side, facing right when angles say so.

    Angles are absolute, in degrees: 0 points right, 90 down, -90 up.
    """

    def __init__(self, hip, torso=-90, neck=None, head=None, arm=80, forearm=80,
                 thigh=90, shin=90, foot=0, far_arm=None, far_forearm=None,
                 far_thigh=None, far_shin=None, far_foot=None, face=None):
        self.hip = hip
        self.torso = torso
        self.neck = torso if neck is None else neck
        self.head = self.neck if head is None else head
        # The direction the face looks, relative to the head's up direction.
        self.face = self.head + 90 if face is None else face
        self.arm, self.forearm = arm, forearm
        self.thigh, self.shin, self.foot = thigh, shin, foot
        self.far_arm = arm if far_arm is None else far_arm
        self.far_forearm = forearm if far_forearm is None else far_forearm
        self.far_thigh = thigh if far_thigh is None else far_thigh
        self.far_shin = shin if far_shin is None else far_shin
        self.far_foot = foot if far_foot is None else far_foot

    # Joints
    def shoulder(self):
        return step(self.hip, self.torso, TORSO)

    def neck_top(self):
        return step(self.shoulder(), self.neck, NECK)

    def head_centre(self):
        # The skull sits behind and above the top of the neck.
        return step(step(self.neck_top(), self.head, HEAD_R * 0.55), self.head - 90, 6)

    def elbow(self, far=False):
        return step(self.shoulder(), self.far_arm if far else self.arm, UPPER_ARM)

    def wrist(self, far=False):
        return step(self.elbow(far), self.far_forearm if far else self.forearm, FOREARM)

    def knee(self, far=False):
        return step(self.hip, self.far_thigh if far else self.thigh, THIGH)

    def ankle(self, far=False):
        return step(self.knee(far), self.far_shin if far else self.shin, SHIN)

    def draw(self, svg, ghost=False, arms=True, legs=True, far_limbs=True, arms_behind=False):
        ink, fill = (GHOST_INK, GHOST_FILL) if ghost else (INK, FILL)
        if arms and arms_behind:
            # Both arms pass behind the head (arms overhead, seen from the side).
            capsules(svg, self.arm_segments(True), ink, fill)
            capsules(svg, self.arm_segments(False), ink, fill)
            arms = False
        if far_limbs and legs:
            capsules(svg, self.leg(True), ink, fill)
        if far_limbs and arms:
            capsules(svg, self.arm_segments(True), ink, fill)
        # Torso, neck and head as one outlined silhouette.
        torso = local_shape(TORSO_SIDE, self.hip, self.torso + 90)
        head = local_shape(HEAD_SIDE, self.head_centre(), self.face)
        neck_a = step(self.shoulder(), self.torso + 90, 2)
        neck = [(neck_a, self.neck_top(), W_NECK + 4)]
        svg.path(smooth(torso), ink, 5, fill=ink, points=torso)
        capsules(svg, neck, ink, ink)
        svg.path(smooth(head), ink, 5, fill=ink, points=head)
        svg.path(smooth(torso), fill, 0.1, fill=fill)
        for a, b, w in neck:
            svg.line(a, b, fill, w)
        svg.path(smooth(head), fill, 0.1, fill=fill)
        # Ear and eye.
        c = self.head_centre()
        ear = local_shape(EAR_SIDE, c, self.face)
        svg.polyline(ear, ink, 1.6, fill="none", closed=True)
        eye = local_shape([(11, -5), (15, -4.5)], c, self.face)
        svg.line(eye[0], eye[1], ink, 2)
        if legs:
            capsules(svg, self.leg(False), ink, fill)
        if arms:
            capsules(svg, self.arm_segments(False), ink, fill)

    def leg(self, far):
        knee, ankle = self.knee(far), self.ankle(far)
        toe = step(ankle, self.far_foot if far else self.foot, FOOT)
        return [(self.hip, knee, W_LEG), (knee, ankle, W_LEG - 3), (ankle, toe, 9)]

    def arm_segments(self, far):
        elbow, wrist = self.elbow(far), self.wrist(far)
        forearm = self.far_forearm if far else self.forearm
        hand = step(wrist, forearm, HAND)
        return [(self.shoulder(), elbow, W_ARM), (elbow, wrist, W_ARM - 2), (wrist, hand, 10)]


# The head seen from its right side, facing +x; origin at the skull's centre.
HEAD_SIDE = [(-19, 4), (-20, -6), (-16, -16), (-8, -23), (2, -25), (11, -22), (17, -15),
             (20, -7), (21, -3), (20.5, 0), (24, 6), (21, 8.5), (21.5, 11), (20.5, 13),
             (21, 15), (19, 20), (14, 23.5), (5, 22), (-4, 16), (-12, 12)]
EAR_SIDE = [(-4, -3), (0, -5), (2, 0), (0, 6), (-3, 5)]
# The trunk seen from its right side, facing +x: the hip at the origin, the
# shoulder TORSO above it (local y up is negative).
TORSO_SIDE = [(-14, 10), (-18, -4), (-15, -22), (-16, -40), (-19, -58), (-15, -72),
              (-6, -80), (6, -79), (14, -70), (19, -56), (17, -42), (13, -30), (14, -16),
              (12, -2), (6, 8), (-4, 12)]
# The trunk from the front: the pelvis at the origin.
TORSO_FRONT = [(-20, 8), (-22, -6), (-17, -30), (-22, -52), (-30, -66), (-36, -73),
               (-30, -80), (-10, -83), (10, -83), (30, -80), (36, -73), (30, -66),
               (22, -52), (17, -30), (22, -6), (20, 8), (0, 12)]


def local_shape(points, origin, angle):
    """Points given with +x along `angle` (degrees), placed at `origin`."""
    ca, sa = math.cos(d2r(angle)), math.sin(d2r(angle))
    return [(origin[0] + x * ca - y * sa, origin[1] + x * sa + y * ca) for x, y in points]


# ----- the front and back view ---------------------------------------------

SHOULDER_HALF = 30
HIP_HALF = 17


class Front:
    """A figure seen from the front (or the back, with `back=True`).

    `tilt` leans the head sideways (degrees, + toward the figure's left,
    which is the picture's right), `turn` turns it (-1 left .. 1 right of
    the picture), `flex` nods it down (0..1, shown by a lower face).
    """

    def __init__(self, pelvis, lean=0.0, tilt=0.0, turn=0.0, flex=0.0,
                 arms=((100, 95), (80, 85)), legs=((95, 90), (85, 90)),
                 shrug=0.0, back=False, scapulae=None):
        self.pelvis, self.lean = pelvis, lean
        self.tilt, self.turn, self.flex = tilt, turn, flex
        self.arms, self.legs = arms, legs
        self.shrug, self.back = shrug, back
        self.scapulae = scapulae

    def chest(self):
        return step(self.pelvis, -90 + self.lean, TORSO + 2)

    def shoulders(self):
        left = local_shape([(-34, -72)], self.pelvis, self.lean)[0]
        right = local_shape([(34, -72)], self.pelvis, self.lean)[0]
        return step(left, -90, self.shrug), step(right, -90, self.shrug)

    def neck_top(self):
        return step(self.chest(), -90 + self.lean + self.tilt, NECK + 6)

    def head_centre(self):
        return step(self.neck_top(), -90 + self.lean + self.tilt, HEAD_R * 0.95)

    def draw(self, svg, ghost=False, legs=True):
        ink, fill = (GHOST_INK, GHOST_FILL) if ghost else (INK, FILL)
        c = self.chest()
        left, right = self.shoulders()
        segs = []
        if legs:
            for side, (thigh, shin) in zip((-1, 1), self.legs):
                hip = step(self.pelvis, self.lean + (180 if side < 0 else 0), 11)
                knee = step(hip, thigh, THIGH)
                ankle = step(knee, shin, SHIN)
                toe = step(ankle, 0 if side > 0 else 180, 8)
                segs += [(hip, knee, W_LEG + 1), (knee, ankle, W_LEG - 3), (ankle, toe, 9)]
        capsules(svg, segs, ink, fill)
        torso = local_shape(TORSO_FRONT, self.pelvis, self.lean)
        # Lift the shoulder points with a shrug.
        if self.shrug:
            torso = [(x, y - self.shrug if i in (4, 5, 6, 10, 11, 12) else y)
                     for i, (x, y) in enumerate(torso)]
        neck = [(c, self.neck_top(), W_NECK + 4)]
        svg.path(smooth(torso), ink, 5, fill=ink, points=torso)
        capsules(svg, neck, ink, ink)
        svg.path(smooth(torso), fill, 0.1, fill=fill)
        for a, b, w in neck:
            svg.line(a, b, fill, w)
        if self.back:
            # The spine, and the shoulder blades where `scapulae` puts them.
            svg.line(step(c, 90, 4), step(self.pelvis, -90, 6), ink, 1.4, dash="3 4")
            if self.scapulae:
                dx, dy = self.scapulae
                for side in (-1, 1):
                    top = (c[0] + side * (9 + dx), c[1] + 8 + dy)
                    blade = [top, (top[0] + side * 17, top[1] + 1), (top[0] + side * 13, top[1] + 14),
                             (top[0] + side * 4, top[1] + 32)]
                    svg.path(smooth(blade), ink, 1.8)
        for shoulder, (upper, lower) in zip((left, right), self.arms):
            elbow = step(shoulder, upper, UPPER_ARM)
            wrist = step(elbow, lower, FOREARM)
            hand = step(wrist, lower, HAND)
            capsules(svg, [(shoulder, elbow, W_ARM), (elbow, wrist, W_ARM - 2),
                           (wrist, hand, 10)], ink, fill)
        self.draw_head(svg, ink, fill)

    def draw_head(self, svg, ink, fill):
        c = self.head_centre()
        up = -90 + self.lean + self.tilt
        across = up + 90
        oval = [step(c, up + a, HEAD_R * (1.12 if a in (0, 180, 360) else 1.0) * (0.92 if a in (90, 270) else 1))
                for a in range(0, 360, 30)]
        for side in (-1, 1):
            ear = step(step(c, across, side * (HEAD_R * 0.9 - self.turn * side * 4)), up + 180, 1)
            svg.circle(ear, 3.5, ink, 2, fill)
        svg.path(smooth(oval), ink, 2.5, fill=fill, points=oval)
        if self.back:
            # Hairline, so a back view does not read as a blank face.
            svg.path(arc_path(c, HEAD_R - 3, up - 70, up + 70), ink, 1.4)
            return
        centre = step(step(c, across, self.turn * HEAD_R * 0.55), up + 180, self.flex * 5)
        for side in (-1, 1):
            eye = step(step(centre, across, side * 6 * (1 - abs(self.turn) * 0.35)), up, 3)
            svg.circle(eye, 1.8, ink, 0, ink)
        nose = step(centre, up + 180, 3)
        svg.line(nose, step(nose, across, self.turn * 3), ink, 1.6)
        mouth = step(centre, up + 180, 8)
        svg.line(step(mouth, across, -3.5), step(mouth, across, 3.5), ink, 1.4)


# ----- arrows and props ----------------------------------------------------


def arc_path(c, r, a0, a1):
    p0, p1 = step(c, a0, r), step(c, a1, r)
    large = 1 if abs(a1 - a0) > 180 else 0
    sweep = 1 if a1 > a0 else 0
    return f"M {f(p0[0])} {f(p0[1])} A {f(r)} {f(r)} 0 {large} {sweep} {f(p1[0])} {f(p1[1])}"


def head_of_arrow(svg, tip, angle, size=11):
    a = step(tip, angle + 150, size)
    b = step(tip, angle - 150, size)
    svg.polyline([a, tip, b], INK, 2, fill=INK, closed=True)


def arrow(svg, a, b, both=False):
    angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    svg.line(a, step(b, angle + 180, 6), INK, 3.5)
    head_of_arrow(svg, b, angle)
    if both:
        svg.line(step(a, angle, 6), a, INK, 3.5)
        head_of_arrow(svg, a, angle + 180)


def arc_arrow(svg, c, r, a0, a1, both=False):
    """An arrow along a circle around `c`, from angle a0 to a1 (degrees)."""
    direction = 1 if a1 > a0 else -1
    trim = direction * math.degrees(6 / r)
    start = a0 + trim if both else a0
    svg.path(arc_path(c, r, start, a1 - trim), INK, 3.5,
             points=[step(c, a, r) for a in (a0, (a0 + a1) / 2, a1)])
    tip = step(c, a1, r)
    head_of_arrow(svg, tip, a1 + direction * 90 - direction * math.degrees(5 / r))
    if both:
        tip0 = step(c, a0, r)
        head_of_arrow(svg, tip0, a0 - direction * 90 + direction * math.degrees(5 / r))


def floor(svg, y, x0=20, x1=W - 20):
    svg.line((x0, y), (x1, y), PROP_INK, 3)
    for x in range(int(x0) + 8, int(x1), 18):
        svg.line((x, y + 2), (x - 8, y + 10), PROP_INK, 1.5)


def wall(svg, x, y0, y1):
    svg.line((x, y0), (x, y1), PROP_INK, 3)
    for y in range(int(y0) + 8, int(y1), 18):
        svg.line((x - 2, y), (x - 10, y + 8), PROP_INK, 1.5)


def box(svg, x, y, w, h, radius=3):
    svg.add(
        f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" rx="{radius}" '
        f'fill="{PROP_FILL}" stroke="{PROP_INK}" stroke-width="2.5"/>'
    )


def stool(svg, x, seat_y, width=70, floor_y=270):
    box(svg, x, seat_y, width, 10)
    svg.line((x + 8, seat_y + 10), (x + 8, floor_y), PROP_INK, 4)
    svg.line((x + width - 8, seat_y + 10), (x + width - 8, floor_y), PROP_INK, 4)


def chair(svg, x, seat_y, back_top, width=70, floor_y=270, back_on_left=True):
    stool(svg, x, seat_y, width, floor_y)
    bx = x + 4 if back_on_left else x + width - 10
    box(svg, bx, back_top, 8, seat_y - back_top + 4)


def mat(svg, x0, x1, y):
    box(svg, x0, y - 6, x1 - x0, 8, radius=4)


# ----- the exercises -------------------------------------------------------


def sitting(hip, **pose):
    base = dict(torso=-90, thigh=0, shin=90, foot=0, arm=95, forearm=15)
    base.update(pose)
    return Side(hip, **base)


def supine_chin_nod():
    svg = Svg()
    floor(svg, 262, x0=90, x1=420)
    mat(svg, 100, 410, 256)
    lying = dict(thigh=-48, shin=48, foot=0, far_thigh=-52, far_shin=46, far_foot=0,
                 arm=2, forearm=0, far_arm=2, far_forearm=0)
    start = Side((300, 224), torso=180, neck=182, head=182, face=-96, **lying)
    end = Side((300, 224), torso=180, neck=182, head=170, face=-58, **lying)
    hc = start.head_centre()
    box(svg, hc[0] - 30, hc[1] + 16, 56, 12, radius=6)
    start.draw(svg, ghost=True)
    end.draw(svg)
    arc_arrow(svg, end.head_centre(), 44, -88, -48)
    svg.write("supine_chin_nod.svg", "Chin nod lying down: nod the chin down, the head stays on the towel")


def wall_chin_tuck():
    svg = Svg()
    wall(svg, 170, 40, 190)
    standing = dict(arm=94, forearm=90, far_arm=90, far_forearm=88, thigh=90, shin=90, foot=0)
    start = Side((200, 175), torso=-94, neck=-58, head=-70, face=8, **standing)
    end = Side((200, 175), torso=-94, neck=-88, head=-92, face=-2, **standing)
    start.draw(svg, ghost=True, legs=False)
    end.draw(svg, legs=False)
    a = step(start.head_centre(), 0, 56)
    arrow(svg, a, (a[0] - 26, a[1]))
    svg.write("wall_chin_tuck.svg", "Chin tuck against a wall: slide the head straight back to the wall")


def scapular_setting():
    svg = Svg()
    arms = ((98, 92), (82, 88))
    start = Front((240, 175), back=True, shrug=5, scapulae=(7, -5), arms=arms)
    end = Front((240, 175), back=True, shrug=0, scapulae=(1, 3), arms=arms)
    start.draw(svg, ghost=True, legs=False)
    end.draw(svg, legs=False)
    c = end.chest()
    for side in (-1, 1):
        a = (c[0] + side * 52, c[1] + 4)
        arrow(svg, a, (c[0] + side * 38, c[1] + 28))
    svg.write("scapular_setting.svg", "Shoulder blade setting: draw the shoulder blades back and down")


def ik(shoulder, target, l1=UPPER_ARM, l2=FOREARM + HAND * 0.5, bend=1):
    """Upper and lower arm angles that put the hand at `target`; `bend`
    chooses which way the elbow points."""
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    dist = min(math.hypot(dx, dy), l1 + l2 - 0.01)
    base = math.degrees(math.atan2(dy, dx))
    cos_a = (l1 * l1 + dist * dist - l2 * l2) / (2 * l1 * dist)
    a = math.degrees(math.acos(max(-1, min(1, cos_a))))
    upper = base - bend * a
    elbow = step(shoulder, upper, l1)
    lower = math.degrees(math.atan2(target[1] - elbow[1], target[0] - elbow[0]))
    return upper, lower


def prone_y_raise():
    svg = Svg(max_scale=2.0)
    # Cropped at the hips: the lift of the arms is what matters.
    floor(svg, 252, x0=110, x1=400)
    lying = dict(thigh=180, shin=180, foot=95)
    start = Side((150, 232), torso=0, neck=2, head=8, face=96,
                 arm=-8, forearm=-8, far_arm=-6, far_forearm=-6, **lying)
    end = Side((150, 232), torso=0, neck=2, head=8, face=96,
               arm=-26, forearm=-26, far_arm=-24, far_forearm=-24, **lying)
    hc = start.head_centre()
    box(svg, hc[0] - 22, 240, 48, 10, radius=5)
    start.draw(svg, ghost=True, arms_behind=True, legs=False)
    end.draw(svg, arms_behind=True, legs=False)
    # The thigh, to show the body lies on the floor.
    capsules(svg, [((150, 232), (118, 236), W_LEG + 2)], INK, FILL)
    hand = end.wrist()
    arrow(svg, (hand[0] + 26, hand[1] + 36), (hand[0] + 26, hand[1] - 4))
    svg.write("prone_y_raise.svg", "Y raise lying face down: lift both arms a few centimetres")


def isometric_rotation():
    svg = Svg()
    figure = Front((240, 200))
    head = figure.head_centre()
    left, _ = figure.shoulders()
    hand_at = step(head, 180, HEAD_R + 6)
    upper, lower = ik(left, hand_at, bend=1)
    figure.arms = ((upper, lower), (84, 90))
    figure.draw(svg, legs=False)
    # The head tries to turn toward the hand; the hand stops it.
    arc_arrow(svg, head, HEAD_R + 16, -60, -140)
    arrow(svg, step(hand_at, 180, 34), step(hand_at, 180, 10))
    svg.write("isometric_rotation.svg",
              "Gentle neck turning against your hand: push gently, the head does not move")


def self_snag_c1c2():
    svg = Svg()
    start = Front((240, 200))
    end = Front((240, 200), turn=-0.75)
    head = end.head_centre()
    neck = end.neck_top()
    left, right = end.shoulders()
    # The towel lies around the back of the neck; one hand pulls its end
    # forward across the face, the other holds its end low at the side.
    pull = (head[0] - 44, head[1] + 10)
    hold = (right[0] + 12, right[1] + 82)
    for figure in (start, end):
        figure.arms = (ik(left, pull, bend=1), ik(right, hold, bend=1))
    start.draw(svg, ghost=True, legs=False)
    end.draw(svg, legs=False)
    towel = [pull, (neck[0] - 10, neck[1] + 6), (neck[0] + 12, neck[1] + 6), hold]
    svg.polyline(towel, PROP_INK, 10)
    svg.polyline(towel, PROP_FILL, 6)
    arc_arrow(svg, head, HEAD_R + 16, -70, -150)
    svg.write("self_snag_c1c2.svg",
              "Towel self-mobilisation: the towel pulls across the face as the head turns")


def upper_trapezius_stretch():
    svg = Svg()
    start = Front((240, 200))
    end = Front((240, 200), tilt=28)
    left, right = end.shoulders()
    head = end.head_centre()
    hand_at = step(head, -90 + 28 + 30, HEAD_R + 2)
    for figure in (start, end):
        figure.arms = ((96, 92), ik(right, hand_at, bend=-1))
    start.arms = ((96, 92), (80, 86))
    start.draw(svg, ghost=True, legs=False)
    end.draw(svg, legs=False)
    arc_arrow(svg, start.neck_top(), HEAD_R * 2 + 18, -100, -70)
    arrow(svg, (left[0] - 6, left[1] + 50), (left[0] - 6, left[1] + 80))
    svg.write("upper_trapezius_stretch.svg",
              "Upper trapezius stretch: ear toward the shoulder, the other shoulder held down")


def levator_scapulae_stretch():
    svg = Svg()
    start = Front((240, 200))
    end = Front((240, 200), tilt=18, turn=0.55, flex=0.9)
    left, right = end.shoulders()
    head = end.head_centre()
    hand_at = step(head, -90 + 18, HEAD_R + 2)
    end.arms = ((96, 92), ik(right, hand_at, bend=-1))
    start.arms = ((96, 92), (80, 86))
    start.draw(svg, ghost=True, legs=False)
    end.draw(svg, legs=False)
    arc_arrow(svg, start.neck_top(), HEAD_R * 2 + 18, -100, -62)
    arrow(svg, (left[0] - 6, left[1] + 50), (left[0] - 6, left[1] + 80))
    svg.write("levator_scapulae_stretch.svg",
              "Levator scapulae stretch: turn halfway, look down toward the armpit")


def hands_behind_head(figure, far=False):
    head = figure.head_centre()
    back = step(head, figure.face + 180, HEAD_R + 2)
    upper, lower = ik(figure.shoulder(), back, bend=1)
    figure.arm, figure.forearm = upper, lower
    figure.far_arm, figure.far_forearm = upper + 4, lower + 4


def thoracic_extension_chair():
    svg = Svg()
    floor(svg, 272, x0=100, x1=380)
    stool(svg, 170, 178, width=80, floor_y=272)
    box(svg, 158, 118, 8, 64)
    legs = dict(thigh=2, shin=88, foot=0, far_thigh=0, far_shin=90)
    start = Side((190, 168), torso=-90, neck=-88, head=-90, face=0, **legs)
    end = Side((190, 168), torso=-114, neck=-112, head=-116, face=-26, **legs)
    for figure in (start, end):
        hands_behind_head(figure)
    start.draw(svg, ghost=True)
    end.draw(svg)
    arc_arrow(svg, (190, 168), TORSO + 44, -92, -118)
    svg.write("thoracic_extension_chair.svg",
              "Upper back extension over a chair: lean back over the top of the backrest")


def posture_break():
    svg = Svg()
    floor(svg, 272, x0=40, x1=440)
    box(svg, 240, 150, 150, 10)
    svg.line((252, 160), (252, 272), PROP_INK, 5)
    svg.line((378, 160), (378, 272), PROP_INK, 5)
    box(svg, 300, 112, 56, 36)
    box(svg, 290, 146, 76, 5)
    stand = dict(arm=92, forearm=88, far_arm=88, far_forearm=86, thigh=90, shin=90, foot=0,
                 far_thigh=94, far_shin=86)
    figure = Side((150, 150), torso=-90, neck=-92, head=-92, face=0, **stand)
    figure.draw(svg)
    # Shoulder rolls, and a clock for "every 20-30 minutes".
    arc_arrow(svg, figure.shoulder(), 34, 160, -20)
    clock = (70, 40)
    svg.circle(clock, 20, INK, 3, FILL)
    svg.line(clock, (clock[0], clock[1] - 13), INK, 3)
    svg.line(clock, (clock[0] + 10, clock[1] + 4), INK, 3)
    svg.write("posture_break.svg",
              "Desk posture break: stand up every 20-30 minutes and roll the shoulders back")


def sitting_posture_correction():
    svg = Svg()
    floor(svg, 272, x0=120, x1=360)
    stool(svg, 170, 178, width=80, floor_y=272)
    legs = dict(thigh=0, shin=90, foot=0, far_thigh=2, far_shin=88, arm=80, forearm=20)
    start = Side((196, 168), torso=-76, neck=-40, head=-62, face=14, **legs)
    end = Side((196, 168), torso=-92, neck=-92, head=-94, face=-2, **legs)
    start.draw(svg, ghost=True)
    end.draw(svg)
    top = end.head_centre()
    arrow(svg, (top[0] - 50, top[1] + 40), (top[0] - 50, top[1] - 10))
    svg.write("sitting_posture_correction.svg",
              "Sitting tall: from a slump to a tall, relaxed position")


def head_lift_chin_nod():
    svg = Svg()
    floor(svg, 262, x0=90, x1=420)
    mat(svg, 100, 410, 256)
    lying = dict(thigh=-48, shin=48, foot=0, far_thigh=-52, far_shin=46, far_foot=0,
                 arm=2, forearm=0, far_arm=2, far_forearm=0)
    start = Side((300, 224), torso=180, neck=182, head=182, face=-96, **lying)
    end = Side((300, 224), torso=180, neck=196, head=186, face=-56, **lying)
    start.draw(svg, ghost=True)
    end.draw(svg)
    hc = end.head_centre()
    arrow(svg, (hc[0] - 36, hc[1] + 4), (hc[0] - 36, hc[1] - 26))
    svg.write("head_lift_chin_nod.svg",
              "Head lift with a chin nod: keep the nod and lift the head just clear")


def four_point_neck_extension():
    svg = Svg()
    floor(svg, 228, x0=40, x1=330)
    kneel = dict(arm=88, forearm=88, far_arm=86, far_forearm=88, thigh=90, shin=180,
                 foot=180, far_thigh=92, far_shin=180, far_foot=180)
    start = Side((150, 150), torso=-10, neck=50, head=70, face=160, **kneel)
    end = Side((150, 150), torso=-10, neck=-8, head=-10, face=80, **kneel)
    start.draw(svg, ghost=True)
    end.draw(svg)
    arc_arrow(svg, end.shoulder(), NECK + HEAD_R * 2 + 18, 58, 6)
    svg.write("four_point_neck_extension.svg",
              "Neck extension on hands and knees: from looking at the knees back to level")


def top_view_head(svg, c, facing, ink, fill):
    """Head and shoulders seen from above: the nose shows where the face points."""
    for side in (-90, 90):
        svg.circle(step(c, facing + side, HEAD_R + 1), 5, ink, 2, fill)
    svg.circle(c, HEAD_R + 2, ink, 2.5, fill)
    nose = [step(c, facing - 16, HEAD_R - 1), step(c, facing, HEAD_R + 10),
            step(c, facing + 16, HEAD_R - 1)]
    svg.polyline(nose, ink, 2.5, fill=fill)


def neck_rotation_range():
    svg = Svg(max_scale=2.2)
    c = (240, 150)
    shoulders = [(c[0] - 70, c[1] + 6), (c[0] - 40, c[1] - 14), (c[0], c[1] - 18),
                 (c[0] + 40, c[1] - 14), (c[0] + 70, c[1] + 6), (c[0] + 40, c[1] + 22),
                 (c[0], c[1] + 24), (c[0] - 40, c[1] + 22)]
    svg.path(smooth(shoulders), INK, 2.5, fill=FILL, points=shoulders)
    # Seen from above, the face points down the page when looking ahead.
    top_view_head(svg, c, 90 + 70, GHOST_INK, GHOST_FILL)
    top_view_head(svg, c, 90 - 70, INK, FILL)
    arc_arrow(svg, c, HEAD_R + 30, 90 - 60, 90 + 60, both=True)
    svg.write("neck_rotation_range.svg",
              "Neck turning within comfort, seen from above: look over one shoulder, then the other")


def band_row():
    svg = Svg()
    floor(svg, 272, x0=60, x1=430)
    svg.line((400, 60), (400, 272), PROP_INK, 4)
    anchor = (400, 118)
    svg.circle(anchor, 5, PROP_INK, 2, PROP_FILL)
    stand = dict(thigh=90, shin=90, foot=0, far_thigh=94, far_shin=86)
    start = Side((180, 150), torso=-90, neck=-92, head=-92, face=0, **stand)
    end = Side((180, 150), torso=-90, neck=-92, head=-92, face=0, **stand)
    start.arm, start.forearm = ik(start.shoulder(), (286, 120), bend=1)
    start.far_arm, start.far_forearm = start.arm, start.forearm
    end.arm, end.forearm = 118, 4
    end.far_arm, end.far_forearm = 116, 2
    start.draw(svg, ghost=True)
    end.draw(svg)
    hand = step(end.wrist(), end.forearm, HAND * 0.5)
    svg.line(hand, anchor, INK, 2.5)
    e = end.elbow()
    arrow(svg, (e[0] + 30, e[1] - 30), (e[0] - 10, e[1] - 30))
    svg.write("band_row.svg", "Rowing with an elastic band: pull the elbows back, shoulders down")


def doorway_pectoral_stretch():
    svg = Svg()
    floor(svg, 272, x0=40, x1=430)
    post = 150
    svg.add(f'<rect x="{post - 8}" y="30" width="16" height="242" fill="{PROP_FILL}" '
            f'stroke="{PROP_INK}" stroke-width="2.5"/>')
    svg.track([(post - 8, 30), (post + 8, 272)])
    start = Side((190, 150), torso=-90, neck=-92, head=-92, face=0, thigh=90, shin=90,
                 far_thigh=90, far_shin=90)
    end = Side((206, 152), torso=-78, neck=-82, head=-84, face=4, thigh=70, shin=96,
               far_thigh=104, far_shin=92)
    for figure in (start, end):
        s = figure.shoulder()
        elbow_at = (post + 6, s[1])
        upper = math.degrees(math.atan2(elbow_at[1] - s[1], elbow_at[0] - s[0]))
        figure.arm = figure.far_arm = upper
        figure.forearm = figure.far_forearm = -90
    start.draw(svg, ghost=True)
    end.draw(svg)
    c = end.shoulder()
    arrow(svg, (c[0] + 30, c[1] + 30), (c[0] + 62, c[1] + 30))
    svg.write("doorway_pectoral_stretch.svg",
              "Chest stretch in a doorway: forearms on the frame, step forward")


EXERCISES = [
    supine_chin_nod, wall_chin_tuck, scapular_setting, prone_y_raise, isometric_rotation,
    self_snag_c1c2, upper_trapezius_stretch, levator_scapulae_stretch,
    thoracic_extension_chair, posture_break, sitting_posture_correction, head_lift_chin_nod,
    four_point_neck_extension, neck_rotation_range, band_row, doorway_pectoral_stretch,
]

if __name__ == "__main__":
    for draw in EXERCISES:
        draw()
