"""Entity value vocabularies and value generators for the NLU data generator.

All lists are hand-written for this project. Every generator takes a seeded
``random.Random`` so that the generated training data is reproducible.
"""
from __future__ import annotations

import random
from typing import Tuple

# (surface text, canonical value or None)
EntityValue = Tuple[str, "str | None"]

ACCOUNT_TYPES = ["basic", "standard", "premium", "platinum", "gold", "freemium", "free", "pro"]

FIRST_NAMES = [
    "Alice", "Bob", "Carla", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Irene", "Jonas",
    "Karin", "Liam", "Maria", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Samuel", "Tina",
    "Umar", "Vera", "Walter", "Xenia", "Yusuf", "Zoe", "Peter", "Laura", "Marco", "Sofia",
    "James", "Linda", "Robert", "Susan", "Michael", "Karen", "Thomas", "Nancy", "Kevin", "Julia",
    "Ahmed", "Priya", "Chen", "Yuki", "Lars", "Ingrid", "Pedro", "Lucia", "Omar", "Fatima",
]
LAST_NAMES = [
    "Martin", "Keller", "Brown", "Wilson", "Taylor", "Walker", "Fischer", "Weber", "Novak",
    "Garcia", "Rossi", "Dubois", "Jensen", "Kowalski", "Murphy", "Clarke", "Baker", "Turner",
    "Hughes", "Foster", "Morgan", "Patel", "Nguyen", "Schmidt", "Becker", "Lopez", "Moreau",
    "Larsen", "Horvath", "Ivanova", "Peterson", "Collins", "Harper", "Bennett", "Price", "Ward",
    "Cooper", "Palmer", "Russo", "Svensson", "Okafor", "Tanaka", "Kim", "Silva", "Costa",
]
TITLES = ["Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Miss", "Prof."]

CITIES = [
    "Berlin", "Hamburg", "Cologne", "Frankfurt", "Stuttgart", "Vienna", "Zurich", "Geneva",
    "Paris", "Lyon", "Marseille", "Madrid", "Barcelona", "Seville", "Lisbon", "Porto", "Rome",
    "Milan", "Naples", "Turin", "Amsterdam", "Rotterdam", "Brussels", "Antwerp", "Copenhagen",
    "Stockholm", "Oslo", "Helsinki", "Warsaw", "Krakow", "Prague", "Budapest", "Athens",
    "London", "Manchester", "Leeds", "Glasgow", "Edinburgh", "Cardiff", "Belfast", "Cork",
    "New York", "Los Angeles", "Chicago", "Houston", "Boston", "Miami", "Denver", "Austin",
    "San Francisco", "Portland", "Atlanta", "Dallas", "Phoenix", "Vancouver", "Montreal",
    "Calgary", "Ottawa", "Sydney", "Melbourne", "Auckland", "Tokyo", "Osaka", "Seoul",
    "Singapore", "Mumbai", "Delhi", "Dubai", "Istanbul", "Cape Town", "Nairobi", "Lagos",
    "Sao Paulo", "Buenos Aires", "Lima", "Bogota", "Mexico City", "Santiago", "Bilbao",
    "Malaga", "Nice", "Bordeaux", "Leipzig", "Dresden", "Bremen", "Graz", "Salzburg", "Basel",
    "Nuremberg", "Hanover", "Dusseldorf", "Essen", "Bonn", "Innsbruck", "Lausanne", "Lucerne",
    "Toulouse", "Lille", "Nantes", "Strasbourg", "Granada", "Zaragoza", "Palermo", "Florence",
    "Venice", "Bologna", "Genoa", "Utrecht", "The Hague", "Ghent", "Bruges", "Aarhus",
    "Gothenburg", "Malmo", "Bergen", "Tampere", "Gdansk", "Wroclaw", "Brno", "Debrecen",
    "Thessaloniki", "Bristol", "Birmingham", "Newcastle", "Sheffield", "Nottingham", "Aberdeen",
    "Galway", "Limerick", "San Diego", "San Jose", "Sacramento", "Las Vegas", "Salt Lake City",
    "Minneapolis", "St. Louis", "Kansas City", "Nashville", "Memphis", "New Orleans",
    "Baltimore", "Pittsburgh", "Cleveland", "Cincinnati", "Columbus", "Indianapolis",
    "Milwaukee", "Charlotte", "Raleigh", "Orlando", "Tampa", "Jacksonville", "Albuquerque",
    "Tucson", "Honolulu", "Anchorage", "Quebec City", "Winnipeg", "Edmonton", "Halifax",
    "Brisbane", "Perth", "Adelaide", "Wellington", "Kyoto", "Busan", "Shanghai", "Beijing",
    "Hong Kong", "Taipei", "Manila", "Jakarta", "Kuala Lumpur", "Hanoi", "Bangalore",
    "Chennai", "Karachi", "Doha", "Tel Aviv", "Casablanca", "Accra", "Johannesburg",
    "Rio de Janeiro", "Montevideo", "Quito", "Caracas", "Guadalajara", "Monterrey",
]
COUNTRIES = [
    "Germany", "Austria", "Switzerland", "France", "Spain", "Portugal", "Italy", "Netherlands",
    "Belgium", "Denmark", "Sweden", "Norway", "Poland", "Czech Republic", "Greece", "Ireland",
    "UK", "United Kingdom", "Great Britain", "England", "Scotland", "US", "United States",
    "America", "Australia", "New Zealand", "India", "China", "South Korea", "Brazil",
    "Argentina", "Chile", "Colombia", "Peru", "Turkey", "Egypt", "South Africa", "Nigeria",
    "Kenya", "Morocco", "Israel", "Iceland", "Luxembourg", "Slovakia", "Slovenia", "Croatia",
    "Romania", "Bulgaria", "Estonia", "Latvia", "Lithuania", "Ukraine", "Thailand", "Vietnam",
    "Indonesia", "Philippines", "Malaysia", "Taiwan", "Cyprus", "Malta", "Serbia",
    "Canada", "Mexico", "Japan", "Finland", "Hungary", "USA", "U.S.", "Russia", "Pakistan",
    "Bangladesh", "Saudi Arabia", "United Arab Emirates", "Qatar", "Jordan", "Lebanon",
    "Tunisia", "Algeria", "Ghana", "Ethiopia", "Tanzania", "Uganda", "Venezuela", "Ecuador",
    "Bolivia", "Uruguay", "Paraguay", "Costa Rica", "Panama", "Guatemala", "Cuba",
    "Jamaica", "Dominican Republic", "Puerto Rico", "Singapore", "Nepal", "Sri Lanka",
    "Mongolia", "Kazakhstan", "Georgia", "Armenia", "Albania", "Bosnia", "Montenegro",
    "North Macedonia", "Moldova", "Belarus", "Liechtenstein", "Monaco", "Andorra",
]

BRANDS = [
    "Nike", "Adidas", "Puma", "Reebok", "Asics", "New Balance", "Salomon", "Columbia",
    "Patagonia", "Levi's", "Samsung", "Apple", "Sony", "Lenovo", "Bosch", "Philips", "Lego",
    "Ikea", "Zara", "Mango", "Garmin", "Canon", "Nikon", "Logitech", "Dyson", "Braun",
    # our demo catalog's brands (issue #8)
    "Urbanline", "Northpeak", "Linnea", "Corso", "Stridewell", "Trailhawk", "Fjellmark", "Voltra",
    "Sonique", "Pixelon", "Ampere", "Casa Lume", "Birchwood", "Cucina Viva", "Ironleaf", "Lumea",
    "Verdant", "Solenne", "Pacefield", "Corefit", "Kiddo", "Blockwerk", "Little Fox",
]
COLORS = [
    "red", "blue", "green", "black", "white", "grey", "gray", "yellow", "pink", "purple",
    "orange", "brown", "beige", "navy", "navy blue", "dark green", "light blue", "silver",
    "gold", "khaki", "olive", "turquoise",
]
CATEGORIES = [
    "jackets", "rain jackets", "shoes", "running shoes", "sneakers", "boots", "hiking boots",
    "t-shirts", "shirts", "jeans", "trousers", "dresses", "skirts", "hoodies", "sweaters",
    "socks", "backpacks", "bags", "watches", "headphones", "laptops", "phones", "tablets",
    "cameras", "chairs", "desks", "lamps", "toys", "books", "coats", "gloves", "scarves",
    "hats", "sunglasses", "tents", "sleeping bags", "bikes", "helmets", "speakers", "keyboards",
    "jacket", "shoe", "laptop", "phone", "dress", "backpack", "watch", "hoodie", "tent",
    # our demo catalog's item types (issue #8)
    "sandals", "loafers", "headlamps", "hiking poles", "power banks", "e-readers", "chargers",
    "smartwatches", "bluetooth speakers", "wireless headphones", "throw blankets", "blankets",
    "cushion covers", "table lamps", "towels", "candles", "bed linen", "frying pans", "pans",
    "knife sets", "knives", "coffee grinders", "kettles", "cutting boards", "blenders",
    "face cream", "shampoo", "serums", "lip balm", "body lotion", "yoga mats", "dumbbells",
    "footballs", "tennis rackets", "cycling jerseys", "water bottles", "building blocks",
    "puzzles", "plush toys", "teddy bears", "remote control cars", "board games", "raincoats",
    "cookbooks", "travel guides", "novels", "children's books", "kitchen stuff", "electronics",
    "outdoor gear", "camping gear", "clothes", "beauty products", "sports gear", "gifts",
]
ADJECTIVES = [
    "waterproof", "cheap", "lightweight", "warm", "wireless", "leather", "cotton", "wool",
    "vegan", "kids", "women's", "men's", "slim fit", "oversized", "organic", "refurbished",
    "new", "comfortable", "breathable", "",
]
SIZES = ["S", "M", "L", "XL", "XXL", "XS", "small", "medium", "large", "38", "40", "42",
         "44", "9", "10", "11", "7.5", "32", "34"]

PROFANITY = ["damn", "fucking", "bloody", "goddamn", "stupid", "freaking", "effing", "shitty"]

NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

EMAIL_DOMAINS = ["example.com", "gmail.com", "mail.de", "outlook.com", "yahoo.com",
                 "web.de", "shop-mail.org", "proton.me"]


def order_id(rng: random.Random) -> EntityValue:
    """An order number as customers type it (span may include a leading '#')."""
    r = rng.random()
    if r < 0.35:
        digits = str(10000000 + rng.randint(1, 99999))
    elif r < 0.55:
        digits = "0" * rng.randint(2, 4) + str(rng.randint(1000, 99999999))
    else:
        n = rng.randint(6, 15)
        digits = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
    if rng.random() < 0.05:
        digits = "#" + digits
    return digits, None


def invoice_id(rng: random.Random) -> EntityValue:
    r = rng.random()
    if r < 0.55:
        return "#" + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 8))), None
    if r < 0.7:
        return "#" + "0" * rng.randint(1, 3) + str(rng.randint(10, 999)), None
    num = str(20000000 + rng.randint(1, 99999))
    prefix = rng.choice(["INV-", "INV-", "INV-", "inv-", "INV", "Inv-"])
    return prefix + num, None


def person_name(rng: random.Random) -> EntityValue:
    r = rng.random()
    if r < 0.4:
        return f"{rng.choice(TITLES)} {rng.choice(LAST_NAMES)}", None
    if r < 0.9:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", None
    return rng.choice(FIRST_NAMES), None


def account_type(rng: random.Random) -> EntityValue:
    t = rng.choice(ACCOUNT_TYPES)
    r = rng.random()
    if r < 0.5:
        return t, t
    if r < 0.92:
        return t.capitalize(), t
    return t.upper(), t


def refund_amount(rng: random.Random) -> EntityValue:
    r = rng.random()
    if r < 0.2:
        return str(rng.randint(1, 20)), None
    if r < 0.85:
        return str(rng.randint(20, 2500)), None
    return f"{rng.randint(5, 999)}.{rng.randint(0, 99):02d}", None


def delivery_city(rng: random.Random) -> EntityValue:
    return rng.choice(CITIES), None


def delivery_country(rng: random.Random) -> EntityValue:
    return rng.choice(COUNTRIES), None


def email(rng: random.Random) -> EntityValue:
    first = rng.choice(FIRST_NAMES).lower()
    last = rng.choice(LAST_NAMES).lower()
    local = rng.choice([first, f"{first}.{last}", f"{first}{rng.randint(1, 99)}",
                        f"{first[0]}{last}", f"{first}_{last}"])
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}", None


def phone(rng: random.Random) -> EntityValue:
    r = rng.random()
    if r < 0.35:
        return f"+{rng.randint(1, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}", None
    if r < 0.65:
        return f"0{rng.randint(100, 999)}{rng.randint(1000000, 9999999)}", None
    if r < 0.85:
        return f"+{rng.randint(30, 49)}{rng.randint(100000000, 999999999)}", None
    return f"{rng.randint(200, 999)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}", None


def rating(rng: random.Random) -> EntityValue:
    n = rng.randint(1, 5)
    if rng.random() < 0.2:
        words = ["one", "two", "three", "four", "five"]
        return words[n - 1], str(n)
    return str(n), None


def category(rng: random.Random) -> EntityValue:
    return rng.choice(CATEGORIES), None


def color(rng: random.Random) -> EntityValue:
    return rng.choice(COLORS), None


def size(rng: random.Random) -> EntityValue:
    return rng.choice(SIZES), None


def brand(rng: random.Random) -> EntityValue:
    return rng.choice(BRANDS), None


def price(rng: random.Random) -> EntityValue:
    return str(rng.choice([20, 25, 30, 40, 50, 60, 75, 80, 99, 100, 120, 150, 200, 250, 300,
                           400, 500, 800, 1000, rng.randint(10, 999)])), None


ENTITY_GENERATORS = {
    "order_id": order_id,
    "invoice_id": invoice_id,
    "person_name": person_name,
    "account_type": account_type,
    "refund_amount": refund_amount,
    "delivery_city": delivery_city,
    "delivery_country": delivery_country,
    "email": email,
    "phone": phone,
    "rating": rating,
    "category": category,
    "color": color,
    "size": size,
    "brand": brand,
    "price": price,
}
