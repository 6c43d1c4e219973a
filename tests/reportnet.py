"""A small BAM/Trans-Siberian network for the reports tests (coordinates approximate)."""

from __future__ import annotations

from netfixtures import node, section, structure
from railwatch.network import RailNetwork


def bam_fc() -> dict:
    """Severobaikalsk - Itykit = Okusikan - Taksimo - Novaya Chara on the BAM (tunnel and
    bypass between Itykit and Okusikan), and Ulan-Ude - Chita - Karymskaya on the Trans-Sib."""

    def st(nid, lon, lat, name, name_ru, **props):
        return node(nid, lon, lat, name=name, name_ru=name_ru, **props)

    def sec(sid, a, b, coords, line, length_km, **props):
        return section(sid, a, b, coords, line=line, length_km=length_km, **props)

    return {
        "type": "FeatureCollection",
        "features": [
            st("severobaikalsk", 109.313, 55.636, "Severobaikalsk", "Северобайкальск"),
            st("itykit", 113.20, 56.12, "Itykit (passing loop)", "Итыкит (разъезд)"),
            st("okusikan", 113.95, 56.28, "Okusikan", "Окусикан"),
            st("taksimo", 114.892, 56.339, "Taksimo", "Таксимо"),
            st("novaya_chara", 118.27, 56.80, "Novaya Chara", "Новая Чара"),
            st("ulan_ude", 107.60, 51.83, "Ulan-Ude", "Улан-Удэ"),
            st("chita", 113.50, 52.03, "Chita", "Чита"),
            st("karymskaya", 114.35, 51.62, "Karymskaya", "Карымская", kind="junction"),
            sec(
                "bam:severobaikalsk-itykit",
                "severobaikalsk",
                "itykit",
                [[109.313, 55.636], [111.7, 56.15], [113.20, 56.12]],
                "BAM",
                260,
            ),
            sec(
                "bam:itykit-okusikan:tunnel",
                "itykit",
                "okusikan",
                [[113.20, 56.12], [113.95, 56.28]],
                "BAM (Severomuysky Tunnel route)",
                23,
            ),
            sec(
                "bam:itykit-okusikan:bypass",
                "itykit",
                "okusikan",
                [[113.20, 56.12], [113.55, 56.30], [113.95, 56.28]],
                "BAM (Severomuysky bypass, 1989)",
                54,
            ),
            sec(
                "bam:okusikan-taksimo",
                "okusikan",
                "taksimo",
                [[113.95, 56.28], [114.892, 56.339]],
                "BAM",
                60,
            ),
            sec(
                "bam:taksimo-novaya_chara",
                "taksimo",
                "novaya_chara",
                [[114.892, 56.339], [118.27, 56.80]],
                "BAM",
                250,
            ),
            sec(
                "ts:ulan_ude-chita",
                "ulan_ude",
                "chita",
                [[107.60, 51.83], [113.50, 52.03]],
                "Trans-Siberian",
                557,
            ),
            sec(
                "ts:chita-karymskaya",
                "chita",
                "karymskaya",
                [[113.50, 52.03], [114.35, 51.62]],
                "Trans-Siberian",
                99,
            ),
            structure(
                "bam:severomuysky_tunnel",
                "bam:itykit-okusikan:tunnel",
                113.6,
                56.2,
                name="Severomuysky Tunnel (named after V. A. Bessolov)",
                name_ru="Северомуйский тоннель им. В. А. Бессолова",
                aliases=["Severomuysky tunnel", "North Muya tunnel"],
            ),
            structure(
                "bam:devils_bridge",
                "bam:itykit-okusikan:bypass",
                113.55,
                56.30,
                kind="viaduct",
                name="Devil's Bridge (Chortov Most) viaduct",
                name_ru="Чёртов мост",
            ),
        ],
    }


def bam_network() -> RailNetwork:
    return RailNetwork.from_geojson(bam_fc(), source_name="reportnet")
