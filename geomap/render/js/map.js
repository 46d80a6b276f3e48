/* geomap's map script: the offline basemap, labels that keep out of each other's way, and
 * uncertainty circles that show only when they help. Data comes from Python as JSON; every
 * text from it is put into the page with textContent, never as HTML. */
var geomap = (function () {
  "use strict";

  function decode(deltas, scale) {
    var out = new Array(deltas.length / 2), x = 0, y = 0;
    for (var i = 0; i < deltas.length; i += 2) {
      x += deltas[i]; y += deltas[i + 1];
      out[i / 2] = [y / scale, x / scale];
    }
    return out;
  }

  function polygons(parts, scale) {
    return parts.map(function (rings) {
      return rings.map(function (r) { return decode(r, scale); });
    });
  }

  function lines(parts, scale) {
    return parts.map(function (l) { return decode(l, scale); });
  }

  function pane(map, name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z;
    p.style.pointerEvents = "none";
    return p;
  }

  var STYLE = {
    land: {stroke: true, color: "#f4f1ea", weight: 1.5, fillColor: "#f4f1ea", fillOpacity: 1},
    lakes: {stroke: true, color: "#9cc0d9", weight: 0.6, fillColor: "#c6dbea", fillOpacity: 1},
    rivers: {color: "#8db6d6", weight: 1.2, opacity: 0.9},
    borders: {color: "#6d6559", weight: 1.3, opacity: 0.9},
    admin1: {color: "#a39b8f", weight: 0.8, opacity: 0.9}
  };

  /* One path per layer, all in one SVG: a multi-polygon or multi-line keeps the page to a few
   * elements, and one SVG is one composited layer (a software compositor, as in headless
   * Chromium, runs out of tile memory with several full-screen layers and leaves some blank). */
  function add(kind, coords, isPolygon, renderer, group) {
    if (!coords.length) return null;
    var options = L.extend({}, STYLE[kind], {
      pane: "gm-basemap", interactive: false, className: "gm-bm gm-bm-" + kind,
      renderer: renderer, smoothFactor: 0.5, fill: isPolygon
    });
    var layer = isPolygon ? L.polygon(coords, options) : L.polyline(coords, options);
    layer.addTo(group);
    return layer;
  }

  function basemap(map, data) {
    pane(map, "gm-basemap", 150);
    var renderer = L.svg({pane: "gm-basemap"});
    var group = L.layerGroup().addTo(map), w = data.worldScale, d = data.detailScale;
    var land = polygons(data.land, w), borders = lines(data.borders, w), admin1 = [];
    data.boxes.forEach(function (b) {
      land = land.concat(polygons(b.land, d));
      borders = borders.concat(lines(b.borders, d));
      admin1 = admin1.concat(lines(b.admin1, d));
    });
    // Added in drawing order: land, then water on it, then borders on top.
    add("land", land, true, renderer, group);
    add("lakes", polygons(data.lakes, w), true, renderer, group);
    add("rivers", lines(data.rivers, w), false, renderer, group);
    var regions = add("admin1", admin1, false, renderer, group);
    add("borders", borders, false, renderer, group);
    if (regions) {
      // Admin-1 lines exist only inside the detail boxes: drawn while the whole view is inside
      // one, so they never stop at a box edge the reader can see.
      var boxes = data.boxes.map(function (b) {
        return L.latLngBounds([b.box[1], b.box[0]], [b.box[3], b.box[2]]);
      });
      var toggle = function () {
        var view = map.getBounds();
        var inside = boxes.some(function (b) { return b.contains(view); });
        regions.setStyle({opacity: inside ? STYLE.admin1.opacity : 0});
      };
      map.on("moveend zoomend", toggle);
      toggle();
    }
    return group;
  }

  /* A text label at a point; `place(dx, dy)` moves its box relative to the point. */
  var Label = L.Layer.extend({
    initialize: function (latlng, text, cls, opts) {
      this._latlng = L.latLng(latlng);
      this.text = text; this.cls = cls; this.opts = opts || {};
    },
    onAdd: function (map) {
      var el = this._el = L.DomUtil.create("div", "gm-label " + this.cls, map.getPane("gm-labels"));
      if (this.opts.dot) L.DomUtil.create("span", "gm-town-dot", el);
      var text = L.DomUtil.create("span", "gm-label-text", el);
      text.textContent = this.text;
      this._text = text;
      this.update();
    },
    onRemove: function () { L.DomUtil.remove(this._el); this._el = null; },
    update: function () {
      if (!this._el) return;
      L.DomUtil.setPosition(this._el, this._map.latLngToLayerPoint(this._latlng).round());
    },
    moveTo: function (latlng) {
      this._shown = L.latLng(latlng);
      L.DomUtil.setPosition(this._el, this._map.latLngToLayerPoint(this._shown).round());
    },
    size: function () {
      if (!this._size) this._size = [this._text.offsetWidth, this._text.offsetHeight];
      return this._size;
    },
    place: function (dx, dy) {
      this._text.style.left = dx + "px"; this._text.style.top = dy + "px";
      this._el.style.display = "";
    },
    hide: function () { this._el.style.display = "none"; }
  });

  function intersects(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  /* Does segment p-q cross the rectangle r = [x0, y0, x1, y1]? (Liang-Barsky clipping) */
  function segmentHits(p, q, r) {
    var t0 = 0, t1 = 1, dx = q.x - p.x, dy = q.y - p.y;
    var checks = [[-dx, p.x - r[0]], [dx, r[2] - p.x], [-dy, p.y - r[1]], [dy, r[3] - p.y]];
    for (var i = 0; i < 4; i++) {
      var pp = checks[i][0], qq = checks[i][1];
      if (pp === 0) { if (qq < 0) return false; continue; }
      var t = qq / pp;
      if (pp < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
      else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  }

  /* How much a label box would cover: area shared with boxes placed before, and a large
   * penalty per claim line it crosses (0 = free). */
  function crowding(r, taken, segments) {
    var area = 0;
    taken.forEach(function (t) {
      var w = Math.min(r[2], t[2]) - Math.max(r[0], t[0]);
      var h = Math.min(r[3], t[3]) - Math.max(r[1], t[1]);
      if (w > 0 && h > 0) area += w * h;
    });
    segments.forEach(function (s) { if (segmentHits(s[0], s[1], r)) area += 1e4; });
    return area;
  }

  /* Where a label may sit around its point, nearest first: right, left, above, below. */
  function candidates(w, h, gap, far) {
    // A claim's label may move away from its line; a place's stays by its dot.
    var out = [], steps = far ? [gap, gap + 24, gap + 56] : [gap];
    steps.forEach(function (g) {
      out.push([g, -h / 2], [-g - w, -h / 2], [-w / 2, -g - h], [-w / 2, g],
               [g, -h - 2], [g, 2], [-g - w, -h - 2], [-g - w, 2]);
    });
    return out;
  }

  function declutter(map, state) {
    var size = map.getSize(), taken = [], segments = [];
    state.segments.forEach(function (s) {
      segments.push([map.latLngToContainerPoint(s[0]), map.latLngToContainerPoint(s[1])]);
    });
    var origin = map.getContainer().getBoundingClientRect();
    document.querySelectorAll(".leaflet-marker-icon").forEach(function (m) {
      var r = m.getBoundingClientRect();
      if (r.width) taken.push([r.left - origin.left, r.top - origin.top,
                               r.right - origin.left, r.bottom - origin.top]);
    });
    var zoom = map.getZoom(), active = [];
    // Three passes, so the browser lays the page out once, not once per label: add the labels
    // in view (writes), measure them (reads), then place them (writes).
    state.labels.forEach(function (label) {
      var p = map.latLngToContainerPoint(label._latlng);
      var wanted = (label.minZoom === undefined || zoom >= label.minZoom) &&
        p.x > -200 && p.y > -50 && p.x < size.x + 200 && p.y < size.y + 50;
      if (!wanted) {
        if (map.hasLayer(label)) map.removeLayer(label);
        return;
      }
      if (!map.hasLayer(label)) label.addTo(map);
      active.push([label, p]);
    });
    active.forEach(function (lp) { lp[0].size(); });
    active.forEach(function (lp) {
      var label = lp[0], p = lp[1];
      var wh = label.size(), anchors = label.opts.anchors || [label._latlng];
      var options = candidates(wh[0], wh[1], label.opts.gap || 8, label.opts.far);
      var best = null;
      for (var i = 0; i < options.length; i++) {
        for (var a = 0; a < anchors.length; a++) {
          var q = map.latLngToContainerPoint(anchors[a]);
          var r = [q.x + options[i][0], q.y + options[i][1],
                   q.x + options[i][0] + wh[0], q.y + options[i][1] + wh[1]];
          var cost = crowding(r, taken, segments);
          if (best === null || cost < best.cost) {
            best = {cost: cost, anchor: anchors[a], option: options[i], box: r};
          }
          if (cost === 0) break;
        }
        if (best.cost === 0) break;
      }
      // Free, or for a label that must show (a place's name, a claim's verdict), the least
      // crowded of the positions tried; other labels that fit nowhere are hidden.
      if (best.cost === 0 || label.opts.always) {
        label.moveTo(best.anchor);
        label.place(best.option[0], best.option[1]);
        taken.push(best.box);
      } else {
        label.hide();
      }
    });
  }

  /* Uncertainty circles: drawn when they are a readable size on screen (neither a speck nor
   * a disc covering the map), and always while the pointer is on their place's marker. */
  function uncertainty(map, circles) {
    var layers = circles.map(function (c) {
      return L.circle([c[0], c[1]], {
        radius: c[2], color: "#0072b2", weight: 1, dashArray: "4 4", fill: true,
        fillOpacity: 0.08, interactive: false, className: "gm-uncertainty"
      });
    });
    var hovered = {};
    function refresh() {
      var size = map.getSize(), limit = 0.15 * Math.min(size.x, size.y);
      layers.forEach(function (layer, i) {
        var c = circles[i];
        var edge = map.latLngToContainerPoint(L.latLng(c[0], c[1]).toBounds(2 * c[2]).getNorthEast());
        var centre = map.latLngToContainerPoint([c[0], c[1]]);
        var px = Math.abs(edge.y - centre.y);
        var show = hovered[i] || (px >= 6 && px <= limit);
        if (show && !map.hasLayer(layer)) layer.addTo(map);
        if (!show && map.hasLayer(layer)) map.removeLayer(layer);
      });
    }
    map.on("zoomend", refresh);
    circles.forEach(function (c, i) {
      document.querySelectorAll(".gm-place-i" + c[3]).forEach(function (el) {
        var marker = el.closest(".leaflet-marker-icon") || el;
        marker.addEventListener("mouseenter", function () { hovered[i] = true; refresh(); });
        marker.addEventListener("mouseleave", function () { hovered[i] = false; refresh(); });
      });
    });
    refresh();
    return layers;
  }

  function setup(map, data) {
    pane(map, "gm-labels", 450);
    var base = data.basemap ? basemap(map, data.basemap) : null;
    var state = {labels: [], segments: data.segments || []};
    (data.labels || []).forEach(function (l) {
      var anchors = (l[6] || [[l[0], l[1]]]).map(function (a) { return L.latLng(a); });
      state.labels.push(new Label([l[0], l[1]], l[2], l[3],
                                  {always: l[4] === 1, gap: l[5], anchors: anchors,
                                   far: l.length > 6}));
    });
    ((data.basemap && data.basemap.towns) || []).forEach(function (t) {
      var label = new Label([t[0], t[1]], t[2], "gm-town", {dot: true, gap: 0});
      label.minZoom = t[3];
      state.labels.push(label);
    });
    var circles = uncertainty(map, data.circles || []);
    var timer = null;
    function relabel() { declutter(map, state); }
    map.on("zoomanim", function () {
      map.getPane("gm-labels").style.visibility = "hidden";
    });
    map.on("zoomend moveend resize", function () {
      map.getPane("gm-labels").style.visibility = "";
      clearTimeout(timer); timer = setTimeout(relabel, 0);
    });
    relabel();
    window.geomapState = {basemap: base, labels: state.labels, circles: circles};
    return window.geomapState;
  }

  return {setup: setup, decode: decode};
})();
