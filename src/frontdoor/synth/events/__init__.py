"""What happens to a cluster of households over the span: police, health, social care and early help."""

from __future__ import annotations

from frontdoor.synth.events.care import CareEvents
from frontdoor.synth.events.health import HealthEvents
from frontdoor.synth.events.model import Timeline
from frontdoor.synth.events.police import PoliceEvents
from frontdoor.synth.population import Cluster
from frontdoor.synth.world import World


class EventMaker:
    def __init__(self, world: World) -> None:
        self.police = PoliceEvents(world)
        self.health = HealthEvents(world)
        self.care = CareEvents(world)

    def timeline(self, cluster: Cluster) -> Timeline:
        """Police and health first: their VISTs and worrying attendances become social-care contacts."""
        timeline = Timeline()
        for household in cluster.households:
            self.police.household(household, timeline)
            self.health.household(household, timeline)
        self.care.cluster(cluster.households, timeline)
        return timeline
