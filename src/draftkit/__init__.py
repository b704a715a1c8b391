"""draftkit: council resolutions and police directives that close loopholes in police
collaboration with federal civil immigration enforcement, for any Vermont town."""

__version__ = "0.1.0"
